import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import type { Clock } from '../src/domain/clock.js';
import { postGraphqlAs, startApiServer, type ApiServer, type GqlAnswer } from './helpers/api-server.js';
import { createShowFixture } from './helpers/fixtures.js';
import { createHarness, TEST_CONFIG } from './helpers/harness.js';
import { activeHoldsMissingSeats, checkSeatInvariants, seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

/**
 * Many extends and competing holds at once around the instant the holds expire, over real HTTP.
 * Time stands still while the holds are placed (they all expire at one instant) and moves 1 ms
 * each time it is read during the burst, so that instant falls inside the burst however fast this
 * machine is: early readers see the holds running, later ones expired.
 */
const HOLD = `mutation Hold($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }`;
const EXTEND = `mutation Extend($id: ID!) { extendHold(holdId: $id) { id expiresAt } }`;
const OWNERS = 30;
const ROUNDS = 6;

let t = new Date('2026-12-01T10:00:00Z').getTime();
let moving = false;
const clock: Clock = { now: () => new Date(moving ? t++ : t) };
let api: ApiServer;

beforeAll(async () => {
  api = await startApiServer({}, await createHarness({ clock, poolMax: 10 }));
});
afterAll(async () => {
  await api.close();
  await api.h.close();
});

const gqlAs = (viewer: Viewer, query: string, variables: Record<string, unknown>) =>
  postGraphqlAs(api.base, viewer, query, variables);
const codeOf = (a: GqlAnswer) => a.errors?.[0]?.extensions?.['code'] ?? 'OK';

describe('extendHold storm around the expiry instant', () => {
  it('never leaves an active, unexpired hold without all of its seats', async () => {
    let extended = 0;
    let expired = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const f = await createShowFixture(api.h.services, {
        rows: 3,
        seatsPerRow: 2 * OWNERS,
        startsAt: new Date(t + 5 * 24 * 3600 * 1000),
      });
      const seats = (await seatStates(api.h, f.showId)).slice(0, 2 * OWNERS + 1);
      const owners = await createCustomers(api.h, OWNERS);
      const rivals = await createCustomers(api.h, OWNERS);
      // Owner i holds seats 2i and 2i+1; rival i wants 2i+1 and 2i+2, a seat of two owners.
      const holdIds: string[] = [];
      for (const [i, owner] of owners.entries()) {
        const res = await gqlAs(owner, HOLD, {
          input: { showId: f.showId, seatIds: [seats[2 * i]!.id, seats[2 * i + 1]!.id] },
        });
        expect(res.errors).toBeUndefined();
        holdIds.push(res.data.holdSeats.id);
      }
      // The holds all expire at one instant, 4 to 24 clock reads into the burst (later each round).
      t += TEST_CONFIG.holds.ttlSeconds * 1000 - 4 * (round + 1);
      moving = true;
      // Interleaved, each extend sent right after the rival that goes for one of its seats.
      const ext: Promise<GqlAnswer>[] = [];
      const riv: Promise<GqlAnswer>[] = [];
      for (let i = 0; i < OWNERS; i++) {
        riv.push(
          gqlAs(rivals[i]!, HOLD, {
            input: { showId: f.showId, seatIds: [seats[2 * i + 1]!.id, seats[2 * i + 2]!.id] },
          }),
        );
        ext.push(gqlAs(owners[i]!, EXTEND, { id: holdIds[i] }));
      }
      const [extGqlAnswers, rivGqlAnswers] = await Promise.all([Promise.all(ext), Promise.all(riv)]);
      moving = false;

      expect(extGqlAnswers.map(codeOf).filter((c) => c !== 'OK' && c !== 'HOLD_EXPIRED')).toEqual([]);
      expect(rivGqlAnswers.map(codeOf).filter((c) => c !== 'OK' && c !== 'SEATS_UNAVAILABLE')).toEqual([]);
      extended += extGqlAnswers.filter((a) => !a.errors).length;
      expired += extGqlAnswers.filter((a) => a.errors).length;
      expect(await activeHoldsMissingSeats(api.h, f.showId, clock.now())).toEqual([]);
      expect(await checkSeatInvariants(api.h, f.showId)).toEqual([]);
    }
    // The burst did straddle the expiry instant: some extends came in time, some too late.
    expect(extended).toBeGreaterThan(0);
    expect(expired).toBeGreaterThan(0);
  });
});
