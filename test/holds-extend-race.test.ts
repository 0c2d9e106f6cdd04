import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createManualClock } from '../src/domain/clock.js';
import { postGraphqlAs, startApiServer, type ApiServer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, TEST_CONFIG } from './helpers/harness.js';
import { activeHoldsMissingSeats, checkSeatInvariants, seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

/**
 * extendHold racing the lazy reclaim of an expired hold's seats (a new hold may take seats HELD
 * by an expired hold without touching that hold's row), over real HTTP.
 */
const HOLD = `mutation Hold($input: HoldSeatsInput!) { holdSeats(input: $input) { id expiresAt } }`;
const EXTEND = `mutation Extend($id: ID!) { extendHold(holdId: $id) { id status expiresAt } }`;
const T0 = new Date('2026-12-01T10:00:00Z');
const TTL_MS = TEST_CONFIG.holds.ttlSeconds * 1000;

const clock = createManualClock(T0);
let api: ApiServer;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];

beforeAll(async () => {
  api = await startApiServer({}, await createHarness({ clock }));
  f = await createShowFixture(api.h.services, {
    rows: 2,
    seatsPerRow: 10,
    startsAt: new Date('2026-12-05T19:00:00Z'),
  });
  seats = await seatStates(api.h, f.showId);
  users = await createCustomers(api.h, 10);
});
afterAll(async () => {
  await api.close();
  await api.h.close();
});

const gqlAs = (viewer: Viewer, query: string, variables: Record<string, unknown>) =>
  postGraphqlAs(api.base, viewer, query, variables);
const seat = (label: string) => seats.find((s) => s.label === label)!.id;
async function holdSeats(viewer: Viewer, labels: string[]): Promise<string> {
  const res = await gqlAs(viewer, HOLD, { input: { showId: f.showId, seatIds: labels.map(seat) } });
  expect(res.errors).toBeUndefined();
  return res.data.holdSeats.id as string;
}
const extend = (viewer: Viewer, holdId: string) => gqlAs(viewer, EXTEND, { id: holdId });

/** Holds a hold's row lock from another connection until `release` (as a slow transaction would). */
async function lockHoldRow(holdId: string) {
  const conn = await api.h.db.sql.reserve();
  await conn`begin`;
  await conn`select id from holds where id = ${holdId} for update`;
  return {
    async release() {
      await conn`rollback`;
      conn.release();
    },
  };
}

/** Waits until some statement of this database waits for a row lock (the extend is parked on it). */
async function untilSomeoneWaitsForALock() {
  for (let i = 0; i < 500; i++) {
    const [row] = await api.h.db.db.execute<{ n: number }>(sql`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`);
    if (row!.n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('nothing waited for the lock');
}

const holdRow = async (id: string) =>
  (
    await api.h.db.db.execute<{ status: string; expiresAt: string; extensions: number }>(sql`
      select status, expires_at as "expiresAt", extensions from holds where id = ${id}`)
  )[0]!;

/** One round: A's hold is locked, A's extend waits behind the lock while `meanwhile` runs. */
async function extendBehindLock(holdId: string, owner: Viewer, meanwhile: () => Promise<void>) {
  const lock = await lockHoldRow(holdId);
  const extending = extend(owner, holdId);
  await untilSomeoneWaitsForALock();
  await meanwhile();
  await lock.release();
  return extending;
}

describe('extendHold decides after it has locked the hold and its seats', () => {
  it('a hold still running when the lock is released is extended (the fix refuses nothing valid)', async () => {
    clock.set(T0);
    const id = await holdSeats(users[0]!, ['A1', 'A2']);
    const res = await extendBehindLock(id, users[0]!, async () => clock.advance(TTL_MS - 1000));
    expect(res.errors).toBeUndefined();
    expect(new Date(res.data.extendHold.expiresAt).getTime()).toBe(T0.getTime() + TTL_MS + 300_000);
    expect(await checkSeatInvariants(api.h, f.showId)).toEqual([]);
  });

  it('a hold that expired while the extend waited is HOLD_EXPIRED, and nothing changes', async () => {
    clock.set(T0);
    const id = await holdSeats(users[1]!, ['A4', 'A5']);
    const res = await extendBehindLock(id, users[1]!, async () => clock.advance(TTL_MS + 1000));
    expect(res.errors?.[0]?.extensions?.['code']).toBe('HOLD_EXPIRED');
    expect(await holdRow(id)).toMatchObject({ status: 'ACTIVE', extensions: 0 });
    expect(new Date((await holdRow(id)).expiresAt).getTime()).toBe(T0.getTime() + TTL_MS);
  });

  it('an expired hold whose seat another buyer took meanwhile is not revived: HOLD_EXPIRED', async () => {
    clock.set(T0);
    const id = await holdSeats(users[2]!, ['A7', 'A8']);
    let taker = '';
    const res = await extendBehindLock(id, users[2]!, async () => {
      clock.advance(TTL_MS + 1000);
      taker = await holdSeats(users[3]!, ['A7']); // lazy reclaim: the old hold's row is not touched
    });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('HOLD_EXPIRED');
    expect(await holdRow(id)).toMatchObject({ status: 'ACTIVE', extensions: 0 });
    const a7 = (await seatStates(api.h, f.showId)).find((s) => s.label === 'A7');
    expect(a7).toMatchObject({ status: 'HELD', holdId: taker });
    expect(await activeHoldsMissingSeats(api.h, f.showId, clock.now())).toEqual([]);
    expect(await checkSeatInvariants(api.h, f.showId)).toEqual([]);
  });

  it('a hold whose seats are gone is expired even if this process’s clock says otherwise (skew)', async () => {
    clock.set(T0);
    const id = await holdSeats(users[4]!, ['B1', 'B2']);
    const res = await extendBehindLock(id, users[4]!, async () => {
      clock.advance(TTL_MS + 1000);
      await holdSeats(users[5]!, ['B2']);
      // Another API process whose clock is ahead reclaimed it; this one's clock is behind.
      clock.set(new Date(T0.getTime() + TTL_MS - 1000));
    });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('HOLD_EXPIRED');
    expect(await holdRow(id)).toMatchObject({ status: 'ACTIVE', extensions: 0 });
    // At the reclaiming process's time, the one the seats were taken at.
    const reclaimedAt = new Date(T0.getTime() + TTL_MS + 1000);
    expect(await activeHoldsMissingSeats(api.h, f.showId, reclaimedAt)).toEqual([]);
    expect(await checkSeatInvariants(api.h, f.showId)).toEqual([]);
  });
});
