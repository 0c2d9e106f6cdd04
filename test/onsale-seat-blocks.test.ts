import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSeatsDirectly } from './helpers/catalog.js';
import { createShowFixture } from './helpers/fixtures.js';
import { createHarness, TEST_CONFIG, type Harness } from './helpers/harness.js';
import { createCustomers } from './helpers/users.js';
import { createManualClock } from '../src/domain/clock.js';
import { adminCaller, fingerprint, gql, HOLD, quickCustomers, type Caller } from './helpers/onsale.js';
import { checkSeatInvariants, seatStates } from './helpers/seats.js';
import { seatMapOf, startInProcessApi, watchSeats, type SeatWatcher } from './realtime/helpers.js';

// blockSeats / unblockSeats: each call is one seat change (version +1) that live seat maps
// receive over WebSocket; only AVAILABLE seats can be blocked, only seats blocked for the show
// can be unblocked, all or nothing; availability follows.

let h: Harness;
let api: Awaited<ReturnType<typeof startInProcessApi>>;
let server: { base: string };
let admin: Caller;
let buyers: Caller[];
const watchers: SeatWatcher[] = [];

beforeAll(async () => {
  h = await createHarness();
  api = await startInProcessApi(h);
  server = { base: `http://127.0.0.1:${api.server.port}` };
  admin = await adminCaller(h);
  buyers = await quickCustomers(h, 4);
});
afterAll(async () => {
  await Promise.all(watchers.map((w) => w.dispose()));
  await api.stop();
  await h.close();
});

const BLOCK = `mutation($input: BlockSeatsInput!) { blockSeats(input: $input) { id } }`;
const UNBLOCK = `mutation($input: UnblockSeatsInput!) { unblockSeats(input: $input) { id } }`;
const AVAILABILITY = `query($id: ID!) { show(id: $id) { availability { total available held booked } } }`;
const availability = async (showId: string) =>
  (await gql(server, admin, AVAILABILITY, { id: showId })).data!.show.availability;

/** 2 rows x 5 seats, A1 blocked by the layout; a live subscriber from the current version. */
async function watchedShow() {
  const f = await createShowFixture(h.services, { rows: 2, seatsPerRow: 5, blocked: [{ row: 0, seat: 1 }] });
  const seats = await seatStates(h, f.showId);
  const seat = (label: string) => seats.find((s) => s.label === label)!.id;
  const { version } = await seatMapOf(api.httpUrl, f.showId);
  const w = watchSeats(api.wsUrl, f.showId, version);
  watchers.push(w);
  await new Promise((r) => setTimeout(r, 100));
  return { showId: f.showId, seat, version, w };
}

describe('blockSeats and unblockSeats', () => {
  it('each is one seat change that a live subscriber receives; availability follows', async () => {
    const { showId, seat, version, w } = await watchedShow();
    expect(await availability(showId)).toEqual({ total: 9, available: 9, held: 0, booked: 0 });

    const blocked = [seat('B2'), seat('B3')];
    const res = await gql(server, admin, BLOCK, { input: { showId, seatIds: blocked, reason: 'camera' } });
    expect(res.errors).toBeUndefined();
    await w.until(() => w.events.length >= 1);
    expect(w.events[0]).toMatchObject({ version: version + 1, snapshot: false });
    expect(w.events[0]!.seats.map((s) => [s.id, s.status]).sort()).toEqual(
      blocked.map((id) => [id, 'BLOCKED']).sort(),
    );
    expect(await availability(showId)).toEqual({ total: 7, available: 7, held: 0, booked: 0 });
    const held = await gql(server, buyers[0]!, HOLD, { input: { showId, seatIds: [seat('B2')] } });
    expect(held.errors?.[0]?.extensions).toMatchObject({
      code: 'SEATS_UNAVAILABLE',
      unavailableSeatIds: [seat('B2')],
    });

    expect(
      (await gql(server, admin, UNBLOCK, { input: { showId, seatIds: blocked } })).errors,
    ).toBeUndefined();
    await w.until(() => w.events.length >= 2);
    expect(w.events[1]).toMatchObject({ version: version + 2, snapshot: false });
    expect(w.events[1]!.seats.map((s) => s.status)).toEqual(['AVAILABLE', 'AVAILABLE']);
    expect(await availability(showId)).toEqual({ total: 9, available: 9, held: 0, booked: 0 });
    expect((await seatMapOf(api.httpUrl, showId)).version).toBe(version + 2);
    expect(await checkSeatInvariants(h, showId)).toEqual([]);
  });

  it('blocking a held, booked or layout-blocked seat is SEATS_UNAVAILABLE and changes nothing', async () => {
    const { showId, seat, version, w } = await watchedShow();
    const held = await gql(server, buyers[1]!, HOLD, { input: { showId, seatIds: [seat('A2')] } });
    expect(held.errors).toBeUndefined();
    await bookSeatsDirectly(h, showId, [seat('A3')]);
    await w.until(() => w.events.length >= 1); // the hold's change

    for (const [taken, free] of [
      [seat('A2'), seat('A4')],
      [seat('A3'), seat('A5')],
      [seat('A1'), seat('B1')],
    ] as const) {
      const before = await fingerprint(h);
      const res = await gql(server, admin, BLOCK, { input: { showId, seatIds: [free, taken] } });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'SEATS_UNAVAILABLE',
        unavailableSeatIds: [taken],
      });
      expect(await fingerprint(h)).toEqual(before);
    }
    // No change was published for them: the next one is the next hold's.
    await gql(server, buyers[2]!, HOLD, { input: { showId, seatIds: [seat('B5')] } });
    await w.until(() => w.events.length >= 2);
    expect(w.events.map((e) => e.version)).toEqual([version + 1, version + 2]);
    expect(w.events[1]!.seats).toEqual([expect.objectContaining({ id: seat('B5'), status: 'HELD' })]);
    expect(await availability(showId)).toEqual({ total: 9, available: 6, held: 2, booked: 1 });
  });

  it('unblocking a layout-blocked or an available seat is BAD_USER_INPUT and changes nothing', async () => {
    const { showId, seat, w } = await watchedShow();
    await gql(server, admin, BLOCK, { input: { showId, seatIds: [seat('B4')] } });
    await w.until(() => w.events.length >= 1); // numbered by the worker: nothing moves after this
    for (const wrong of [seat('A1'), seat('B5')]) {
      const before = await fingerprint(h);
      const res = await gql(server, admin, UNBLOCK, { input: { showId, seatIds: [seat('B4'), wrong] } });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        notUnblockableSeatIds: [wrong],
      });
      expect(await fingerprint(h)).toEqual(before);
    }
    const states = await seatStates(h, showId);
    expect(
      states
        .filter((s) => s.status === 'BLOCKED')
        .map((s) => s.label)
        .sort(),
    ).toEqual(['A1', 'B4']);
  });

  it('seats of another show are refused', async () => {
    const a = await watchedShow();
    const b = await watchedShow();
    const before = await fingerprint(h);
    const res = await gql(server, admin, BLOCK, { input: { showId: a.showId, seatIds: [b.seat('B2')] } });
    expect(res.errors?.[0]?.extensions?.['code']).toMatch(/SEATS_UNAVAILABLE|BAD_USER_INPUT/);
    expect(await fingerprint(h)).toEqual(before);
  });
});

describe('a seat whose hold has expired (not yet released by the worker)', () => {
  it('reads AVAILABLE, so it can be blocked, and its old hold lets go of it', async () => {
    const clock = createManualClock(new Date('2026-12-01T10:00:00Z'));
    const h2 = await createHarness({ clock });
    try {
      const f = await createShowFixture(h2.services, { rows: 1, seatsPerRow: 4 });
      const [seat] = await seatStates(h2, f.showId);
      const [who] = await createCustomers(h2, 1);
      const held = await h2.exec<any>(HOLD, { input: { showId: f.showId, seatIds: [seat!.id] } }, who);
      expect(held.errors).toBeUndefined();
      clock.advance(TEST_CONFIG.holds.ttlSeconds * 1000 + 1);
      const map = await h2.exec<any>(
        `query($id: ID!) { show(id: $id) { seatMap { seats { id status } } } }`,
        {
          id: f.showId,
        },
      );
      expect(map.data.show.seatMap.seats[0]).toEqual({ id: seat!.id, status: 'AVAILABLE' });

      const staff = await h2.admin();
      const res = await h2.exec(BLOCK, { input: { showId: f.showId, seatIds: [seat!.id] } }, staff);
      expect(res.errors).toBeUndefined();
      expect((await seatStates(h2, f.showId))[0]!.status).toBe('BLOCKED');
      expect(await checkSeatInvariants(h2, f.showId)).toEqual([]);
    } finally {
      await h2.close();
    }
  });
});
