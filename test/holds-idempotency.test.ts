import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createManualClock } from '../src/domain/clock.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { seatStates, showVersion } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

const HOLD = `mutation Hold($input: HoldSeatsInput!) { holdSeats(input: $input) { id status expiresAt total { amount } } }`;
const RELEASE = `mutation Release($id: ID!, $key: String) { releaseHold(holdId: $id, idempotencyKey: $key) { id status } }`;

const clock = createManualClock(new Date('2026-12-01T10:00:00Z'));
let h: Harness;
let f: ShowFixture;
let seats: string[];
let users: Viewer[];

beforeAll(async () => {
  h = await createHarness({ clock, poolMax: 25 });
  f = await createShowFixture(h.services, { rows: 3, seatsPerRow: 8 });
  seats = (await seatStates(h, f.showId)).map((s) => s.id);
  users = await createCustomers(h, 4);
});
afterAll(() => h.close());

const hold = (viewer: Viewer, seatIds: string[], idempotencyKey?: string) =>
  h.exec<{ holdSeats: { id: string; status: string; expiresAt: string } }>(
    HOLD,
    { input: { showId: f.showId, seatIds, ...(idempotencyKey ? { idempotencyKey } : {}) } },
    viewer,
  );

describe('idempotency keys', () => {
  it('replays the first answer for the same key and input, even after the seats changed', async () => {
    const first = await hold(users[0]!, [seats[0]!, seats[1]!], 'key-replay');
    const version = await showVersion(h, f.showId);
    // Same input in another order is the same request.
    const again = await hold(users[0]!, [seats[1]!, seats[0]!], 'key-replay');
    expect(again.data).toEqual(first.data);
    expect(await showVersion(h, f.showId)).toBe(version);

    await h.exec(RELEASE, { id: first.data!.holdSeats.id }, users[0]);
    const other = await hold(users[1]!, [seats[0]!]);
    expect(other.errors).toBeUndefined();
    const late = await hold(users[0]!, [seats[0]!, seats[1]!], 'key-replay');
    expect(late.data).toEqual(first.data);
    await h.exec(RELEASE, { id: other.data!.holdSeats.id }, users[1]);
  });

  it('rejects the same key with other input, and scopes keys to the user', async () => {
    await hold(users[2]!, [seats[2]!], 'key-reuse');
    const reused = await hold(users[2]!, [seats[3]!], 'key-reuse');
    expect(reused.errors?.[0]?.extensions?.['code']).toBe('IDEMPOTENCY_KEY_REUSED');
    const [h2] = await h.db.db.execute<{ id: string }>(
      sql`select id from holds where user_id = ${users[2]!.id} and status = 'ACTIVE'`,
    );
    const releasedWithKey = await h.exec(RELEASE, { id: h2!.id, key: 'key-reuse' }, users[2]);
    expect(releasedWithKey.errors?.[0]?.extensions?.['code']).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherUser = await hold(users[3]!, [seats[4]!], 'key-reuse');
    expect(otherUser.errors).toBeUndefined();
  });

  it('does not store failures: a retry after SEATS_UNAVAILABLE runs again', async () => {
    const blocker = await hold(users[1]!, [seats[10]!]);
    const failed = await hold(users[0]!, [seats[10]!], 'key-after-failure');
    expect(failed.errors?.[0]?.extensions?.['code']).toBe('SEATS_UNAVAILABLE');
    await h.exec(RELEASE, { id: blocker.data!.holdSeats.id }, users[1]);
    const retried = await hold(users[0]!, [seats[10]!], 'key-after-failure');
    expect(retried.errors).toBeUndefined();
  });

  it('concurrent duplicates with one key have exactly one effect', async () => {
    const version = await showVersion(h, f.showId);
    const results = await Promise.all(
      Array.from({ length: 25 }, () => hold(users[1]!, [seats[20]!, seats[21]!], 'key-concurrent')),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(new Set(results.map((r) => r.data!.holdSeats.id)).size).toBe(1);
    expect(await showVersion(h, f.showId)).toBe(version + 1);
    const [row] = await h.db.db.execute<{ n: number }>(sql`
      select count(*)::int as n from holds h join hold_seats hs on hs.hold_id = h.id
      where h.user_id = ${users[1]!.id} and hs.show_seat_id = ${seats[20]!}`);
    expect(row!.n).toBe(1);
  });

  it('replays releaseHold and forgets keys after 24 hours', async () => {
    const held = await hold(users[3]!, [seats[15]!]);
    const id = held.data!.holdSeats.id;
    const a = await h.exec(RELEASE, { id, key: 'release-1' }, users[3]);
    const b = await h.exec(RELEASE, { id, key: 'release-1' }, users[3]);
    expect(b).toEqual(a);

    const count = async () =>
      (await h.db.db.execute<{ n: number }>(sql`select count(*)::int as n from idempotency_keys`))[0]!.n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    expect(await h.services.holds.cleanIdempotencyKeys(1000)).toBe(0);
    clock.advance(24 * 3600 * 1000 + 1000);
    expect(await h.services.holds.cleanIdempotencyKeys(1000)).toBe(before);
    expect(await count()).toBe(0);
  });
});
