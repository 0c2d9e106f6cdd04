import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createManualClock } from '../src/domain/clock.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { checkSeatInvariants, seatChangeLog, seatStates, showVersion } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

const HOLD = `mutation Hold($input: HoldSeatsInput!) {
  holdSeats(input: $input) { id status expiresAt createdAt extendable total { amount currency } }
}`;
const RELEASE = `mutation Release($id: ID!, $key: String) { releaseHold(holdId: $id, idempotencyKey: $key) { id status } }`;
const EXTEND = `mutation Extend($id: ID!) { extendHold(holdId: $id) { id status expiresAt extendable } }`;
const GET = `query Get($id: ID!) { hold(id: $id) { id status expiresAt } }`;

const clock = createManualClock(new Date('2026-12-01T10:00:00Z'));
let h: Harness;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];

beforeAll(async () => {
  h = await createHarness({ clock });
  // 4 rows x 6 seats, two sections (S1 = rows A-B priced 1500, S2 = rows C-D priced 1000); A1 blocked.
  f = await createShowFixture(h.services, {
    rows: 4,
    seatsPerRow: 6,
    sections: 2,
    blocked: [{ row: 0, seat: 1 }],
    startsAt: new Date('2026-12-05T19:00:00Z'),
  });
  seats = await seatStates(h, f.showId);
  users = await createCustomers(h, 8);
});
afterAll(() => h.close());

const seat = (label: string) => seats.find((s) => s.label === label)!.id;
const hold = (
  viewer: Viewer | null,
  seatIds: string[],
  extra: Record<string, unknown> = {},
  showId = f.showId,
) => h.exec<{ holdSeats: any }>(HOLD, { input: { showId, seatIds, ...extra } }, viewer);

describe('holdSeats', () => {
  it('holds all requested seats, quotes their price and logs one version', async () => {
    const before = await showVersion(h, f.showId);
    const res = await hold(users[0]!, [seat('A2'), seat('C3')]);
    expect(res.errors).toBeUndefined();
    const held = res.data!.holdSeats;
    expect(held).toMatchObject({
      status: 'ACTIVE',
      extendable: true,
      total: { amount: 1500 + 1000, currency: 'EUR' },
    });
    expect(new Date(held.expiresAt).getTime() - clock.now().getTime()).toBe(600_000);

    const now = await seatStates(h, f.showId);
    expect(
      now
        .filter((s) => s.status === 'HELD')
        .map((s) => s.label)
        .sort(),
    ).toEqual(['A2', 'C3']);
    expect(await showVersion(h, f.showId)).toBe(before + 1);
    const log = await seatChangeLog(h, f.showId);
    expect(log.at(-1)).toMatchObject({ version: before + 1, cause: 'HOLD' });
    expect(log.at(-1)!.seats.map((s) => s.status)).toEqual(['HELD', 'HELD']);
    await h.exec(RELEASE, { id: held.id }, users[0]);
  });

  it('is all or nothing and names the unavailable seats with alternatives next to each other', async () => {
    const first = await hold(users[1]!, [seat('B3')]);
    expect(first.errors).toBeUndefined();
    const before = await showVersion(h, f.showId);
    const res = await hold(users[2]!, [seat('B2'), seat('B3'), seat('B4')]);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'SEATS_UNAVAILABLE',
      unavailableSeatIds: [seat('B3')],
    });
    const alternatives = res.errors![0]!.extensions!['alternatives'] as string[][];
    expect(alternatives.length).toBeGreaterThan(0);
    for (const block of alternatives) {
      expect(block).toHaveLength(3);
      const labels = block.map((id) => seats.find((s) => s.id === id)!.label);
      expect(new Set(labels.map((l) => l[0])).size).toBe(1); // one row
      expect(labels.some((l) => l === 'B3')).toBe(false);
    }
    // Nothing changed: B2 and B4 are still free, no new version.
    const now = await seatStates(h, f.showId);
    expect(now.find((s) => s.label === 'B2')!.status).toBe('AVAILABLE');
    expect(await showVersion(h, f.showId)).toBe(before);
    await h.exec(RELEASE, { id: first.data!.holdSeats.id }, users[1]);
  });

  it('rejects blocked seats as unavailable', async () => {
    const res = await hold(users[2]!, [seat('A1')]);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'SEATS_UNAVAILABLE',
      unavailableSeatIds: [seat('A1')],
    });
  });

  it('replaces the viewer’s previous hold on the same show in one transaction', async () => {
    const a = await hold(users[3]!, [seat('D1'), seat('D2')]);
    const before = await showVersion(h, f.showId);
    const b = await hold(users[3]!, [seat('D2'), seat('D3')]);
    expect(b.errors).toBeUndefined();
    expect(await showVersion(h, f.showId)).toBe(before + 1);
    const log = await seatChangeLog(h, f.showId);
    expect(log.at(-1)!.seats).toEqual(
      expect.arrayContaining([
        { id: seat('D1'), status: 'AVAILABLE' },
        { id: seat('D2'), status: 'HELD' },
        { id: seat('D3'), status: 'HELD' },
      ]),
    );
    const old = await h.exec<{ hold: any }>(GET, { id: a.data!.holdSeats.id }, users[3]);
    expect(old.data!.hold.status).toBe('RELEASED');
    expect(await checkSeatInvariants(h, f.showId)).toEqual([]);
    await h.exec(RELEASE, { id: b.data!.holdSeats.id }, users[3]);
  });

  it('limits active holds per user across shows', async () => {
    const viewer = users[4]!;
    const shows = [f];
    for (let i = 0; i < 3; i++)
      shows.push(
        await createShowFixture(h.services, {
          rows: 1,
          seatsPerRow: 2,
          startsAt: new Date('2026-12-06T19:00:00Z'),
        }),
      );
    const ids: string[] = [];
    for (const s of shows.slice(0, 3)) {
      const [first] = await seatStates(h, s.showId).then((all) =>
        all.filter((x) => x.status === 'AVAILABLE'),
      );
      const res = await hold(viewer, [first!.id], {}, s.showId);
      expect(res.errors).toBeUndefined();
      ids.push(res.data!.holdSeats.id);
    }
    const [free] = (await seatStates(h, shows[3]!.showId)).filter((x) => x.status === 'AVAILABLE');
    const res = await hold(viewer, [free!.id], {}, shows[3]!.showId);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('HOLD_LIMIT_REACHED');
    for (const id of ids) await h.exec(RELEASE, { id }, viewer);
  });

  it.each([
    ['no seats', () => ({ seatIds: [] }), 'input.seatIds'],
    ['a seat twice', () => ({ seatIds: [seat('C1'), seat('C1')] }), 'input.seatIds'],
    ['more than 10 seats', () => ({ seatIds: seats.slice(1, 12).map((s) => s.id) }), 'input.seatIds'],
    ['a malformed seat id', () => ({ seatIds: ['C1'] }), 'input.seatIds[0]'],
    ['a malformed show id', () => ({ showId: 'show-1', seatIds: [seat('C1')] }), 'input.showId'],
    ['an unknown seat id', () => ({ seatIds: ['00000000-0000-4000-8000-000000000000'] }), 'input.seatIds'],
    ['a bad idempotency key', () => ({ seatIds: [seat('C1')], idempotencyKey: '' }), 'input.idempotencyKey'],
  ])('rejects %s with BAD_USER_INPUT and changes nothing', async (_name, input, field) => {
    const before = await showVersion(h, f.showId);
    const res = await h.exec(HOLD, { input: { showId: f.showId, ...input() } }, users[5]);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await showVersion(h, f.showId)).toBe(before);
  });

  it('rejects seats of another show, unknown shows and anonymous callers', async () => {
    const other = await createShowFixture(h.services, { rows: 1, seatsPerRow: 2 });
    const [otherSeat] = await seatStates(h, other.showId);
    const foreign = await hold(users[5]!, [otherSeat!.id]);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidSeatIds: [otherSeat!.id],
    });
    const unknown = await hold(users[5]!, [seat('C1')], {}, '00000000-0000-4000-8000-000000000000');
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const anonymous = await hold(null, [seat('C1')]);
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('cancelling a show releases its active holds as one new version', async () => {
    const show = await createShowFixture(h.services, { rows: 1, seatsPerRow: 4 });
    const [s1, s2] = await seatStates(h, show.showId);
    const a = await hold(users[6]!, [s1!.id], {}, show.showId);
    const b = await hold(users[7]!, [s2!.id], {}, show.showId);
    const before = await showVersion(h, show.showId);
    await h.services.admin.cancelShow(SYSTEM_ACTOR, { showId: show.showId });
    expect(await showVersion(h, show.showId)).toBe(before + 1);
    expect((await seatChangeLog(h, show.showId)).at(-1)).toMatchObject({ cause: 'CANCEL' });
    expect((await seatStates(h, show.showId)).every((s) => s.status === 'AVAILABLE')).toBe(true);
    for (const [res, u] of [
      [a, users[6]],
      [b, users[7]],
    ] as const) {
      const got = await h.exec<{ hold: any }>(GET, { id: res.data!.holdSeats.id }, u);
      expect(got.data!.hold.status).toBe('RELEASED');
    }
    expect(await checkSeatInvariants(h, show.showId)).toEqual([]);
  });

  it('only sells shows that are on sale', async () => {
    const cancelled = await createShowFixture(h.services, { rows: 1, seatsPerRow: 2 });
    await h.services.admin.cancelShow(SYSTEM_ACTOR, { showId: cancelled.showId });
    const [s] = await seatStates(h, cancelled.showId);
    const res = await hold(users[5]!, [s!.id], {}, cancelled.showId);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ON_SALE', reason: 'CANCELLED' });
    expect(res.errors?.[0]?.message).toMatch(/cancelled/);
  });
});

describe('expiry, release and extension', () => {
  it('treats an expired hold’s seats as free before the worker runs (lazy reclaim)', async () => {
    const first = await hold(users[6]!, [seat('C5'), seat('C6')]);
    clock.advance(601_000);
    const second = await hold(users[7]!, [seat('C6')]);
    expect(second.errors).toBeUndefined();
    const old = await h.exec<{ hold: any }>(GET, { id: first.data!.holdSeats.id }, users[6]);
    expect(old.data!.hold.status).toBe('EXPIRED');
    // The worker then ends the old hold and frees the seat it still had, not the one taken over.
    expect(await h.services.holds.expireDueHolds(100)).toBeGreaterThanOrEqual(1);
    const now = await seatStates(h, f.showId);
    expect(now.find((s) => s.label === 'C5')!.status).toBe('AVAILABLE');
    expect(now.find((s) => s.label === 'C6')).toMatchObject({
      status: 'HELD',
      holdId: second.data!.holdSeats.id,
    });
    expect(await checkSeatInvariants(h, f.showId)).toEqual([]);
    await h.exec(RELEASE, { id: second.data!.holdSeats.id }, users[7]);
  });

  it('extends once, capped at twice the TTL from creation', async () => {
    const res = await hold(users[6]!, [seat('D5')]);
    const id = res.data!.holdSeats.id;
    clock.advance(400_000);
    const ext = await h.exec<{ extendHold: any }>(EXTEND, { id }, users[6]);
    expect(ext.errors).toBeUndefined();
    const created = new Date(res.data!.holdSeats.createdAt).getTime();
    expect(new Date(ext.data!.extendHold.expiresAt).getTime()).toBe(created + 900_000);
    expect(ext.data!.extendHold.extendable).toBe(false);
    const [row] = await h.db.db.execute<{ e: string }>(
      sql`select hold_expires_at as e from show_seats where id = ${seat('D5')}`,
    );
    expect(new Date(row!.e).getTime()).toBe(created + 900_000);
    const again = await h.exec(EXTEND, { id }, users[6]);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'holdId' });
    clock.advance(600_000);
    const late = await h.exec(EXTEND, { id }, users[6]);
    expect(late.errors?.[0]?.extensions?.['code']).toBe('HOLD_EXPIRED');
  });

  it('releases once; a released hold stays released and frees its seats', async () => {
    const res = await hold(users[5]!, [seat('D4')]);
    const id = res.data!.holdSeats.id;
    const before = await showVersion(h, f.showId);
    const rel = await h.exec<{ releaseHold: any }>(RELEASE, { id }, users[5]);
    expect(rel.data!.releaseHold.status).toBe('RELEASED');
    expect(await showVersion(h, f.showId)).toBe(before + 1);
    const again = await h.exec<{ releaseHold: any }>(RELEASE, { id }, users[5]);
    expect(again.data!.releaseHold.status).toBe('RELEASED');
    expect(await showVersion(h, f.showId)).toBe(before + 1);
    const ext = await h.exec(EXTEND, { id }, users[5]);
    expect(ext.errors?.[0]?.extensions?.['code']).toBe('HOLD_EXPIRED');
  });

  it('keeps holds private: another customer gets FORBIDDEN, an admin may look', async () => {
    const res = await hold(users[5]!, [seat('B6')]);
    const id = res.data!.holdSeats.id;
    for (const op of [GET, RELEASE, EXTEND]) {
      const other = await h.exec(op, { id }, users[4]);
      expect(other.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    const admin = await h.admin();
    const seen = await h.exec<{ hold: any }>(GET, { id }, admin);
    expect(seen.data!.hold.id).toBe(id);
    const missing = await h.exec<{ hold: any }>(
      GET,
      { id: '00000000-0000-4000-8000-000000000000' },
      users[5],
    );
    expect(missing.data!.hold).toBeNull();
    expect(await checkSeatInvariants(h, f.showId)).toEqual([]);
  });
});
