import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import { createManualClock } from '../src/domain/clock.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { HOUR, tag } from './helpers/catalog.js';
import { createHarness, type Harness } from './helpers/harness.js';
import {
  adminCaller,
  anonymous,
  gql,
  HOLD,
  quickCustomers,
  showWithWindow,
  type Caller,
} from './helpers/onsale.js';
import { seatStates, showVersion } from './helpers/seats.js';

// Sales windows as a buyer meets them over HTTP: the edges to the millisecond (start inclusive,
// end exclusive), the defaults, a window moved by updateShow, and what stays readable.

const T0 = new Date('2026-12-01T10:00:00.000Z');
const clock = createManualClock(T0);
let h: Harness;
let api: ApiServer;
let admin: Caller;
let buyers: Caller[];
let cityId: string;
let next = 0;
const buyer = () => buyers[next++]!;

beforeAll(async () => {
  h = await createHarness({ clock });
  // Every read executes here; onsale-window-cache.test.ts has the show response cache on.
  api = await startApiServer({ showCacheMaxAgeMs: 0 }, h);
  admin = await adminCaller(h);
  buyers = await quickCustomers(h, 40);
  cityId = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' })).id;
});
afterAll(async () => {
  await api.close();
  await h.close();
});

const at = (ms: number) => new Date(ms);
const hold = (who: Caller, showId: string, seatIds: string[]) =>
  gql(api, who, HOLD, { input: { showId, seatIds } });
const SHOW = `query($id: ID!) { show(id: $id) { onSale salesStartAt salesEndAt status
  seatMap { version seats { id status } } availability { total available } } }`;
const showOf = async (id: string) => (await gql(api, anonymous, SHOW, { id })).data!.show;
const UPDATE_SHOW = `mutation($input: UpdateShowInput!) { updateShow(input: $input) { id onSale salesStartAt salesEndAt } }`;

/** Asserts NOT_ON_SALE with `reason` and that the request held nothing. */
function expectNotOnSale(res: Awaited<ReturnType<typeof hold>>, reason: string) {
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  expect(res.errors![0]!.extensions).toMatchObject({ code: 'NOT_ON_SALE', reason });
  expect(res.data).toBeNull();
  return res.errors![0]!.extensions!;
}
const heldSeats = async (showId: string) =>
  (await seatStates(h, showId)).filter((s) => s.status === 'HELD').map((s) => s.id);

describe('sales window edges (start inclusive, end exclusive)', () => {
  it('1 ms before salesStartAt is NOT_ON_SALE with salesStartAt; at it and 1 ms after it sells', async () => {
    clock.set(T0);
    const start = T0.getTime() + HOUR;
    const s = await showWithWindow(h.services, {
      cityId,
      startsAt: at(T0.getTime() + 48 * HOUR),
      salesStartAt: at(start),
      salesEndAt: at(start + 2 * HOUR),
    });
    const version = await showVersion(h, s.show.id);

    clock.set(at(start - 1));
    expect((await showOf(s.show.id)).onSale).toBe(false);
    const early = await hold(buyer(), s.show.id, [s.seatIds[0]!]);
    const ext = expectNotOnSale(early, 'NOT_YET_OPEN');
    expect(ext['salesStartAt']).toBe(at(start).toISOString());
    expect(await heldSeats(s.show.id)).toEqual([]);
    expect(await showVersion(h, s.show.id)).toBe(version);

    clock.set(at(start));
    expect((await showOf(s.show.id)).onSale).toBe(true);
    const onTime = await hold(buyer(), s.show.id, [s.seatIds[0]!]);
    expect(onTime.errors).toBeUndefined();

    clock.set(at(start + 1));
    const after = await hold(buyer(), s.show.id, [s.seatIds[1]!]);
    expect(after.errors).toBeUndefined();
    expect((await heldSeats(s.show.id)).sort()).toEqual([s.seatIds[0]!, s.seatIds[1]!].sort());
  });

  it('1 ms before salesEndAt sells; at salesEndAt it is NOT_ON_SALE (CLOSED) and holds nothing', async () => {
    clock.set(T0);
    const end = T0.getTime() + 2 * HOUR;
    const s = await showWithWindow(h.services, {
      cityId,
      startsAt: at(T0.getTime() + 48 * HOUR),
      salesEndAt: at(end),
    });
    clock.set(at(end - 1));
    expect((await showOf(s.show.id)).onSale).toBe(true);
    expect((await hold(buyer(), s.show.id, [s.seatIds[0]!])).errors).toBeUndefined();

    clock.set(at(end));
    expect((await showOf(s.show.id)).onSale).toBe(false);
    const late = await hold(buyer(), s.show.id, [s.seatIds[1]!]);
    const ext = expectNotOnSale(late, 'CLOSED');
    expect(ext['salesStartAt']).toBeUndefined();
    expect(await heldSeats(s.show.id)).toEqual([s.seatIds[0]!]);
  });

  it('an unset end sells until the show starts: 1 ms before startsAt sells, at startsAt is STARTED', async () => {
    clock.set(T0);
    const startsAt = T0.getTime() + 5 * HOUR;
    const s = await showWithWindow(h.services, { cityId, startsAt: at(startsAt) });
    expect(await showOf(s.show.id)).toMatchObject({ onSale: true, salesStartAt: null, salesEndAt: null });

    clock.set(at(startsAt - 1));
    expect((await hold(buyer(), s.show.id, [s.seatIds[0]!])).errors).toBeUndefined();
    clock.set(at(startsAt));
    expectNotOnSale(await hold(buyer(), s.show.id, [s.seatIds[1]!]), 'STARTED');
    expect(await showOf(s.show.id)).toMatchObject({ onSale: false, status: 'STARTED' });
    expect(await heldSeats(s.show.id)).toEqual([s.seatIds[0]!]);
  });
});

describe('a window moved by updateShow', () => {
  it('a show set to open later stops selling at the next request; holds already placed stay', async () => {
    clock.set(T0);
    const s = await showWithWindow(h.services, { cityId, startsAt: at(T0.getTime() + 48 * HOUR) });
    const early = buyer();
    const first = await hold(early, s.show.id, [s.seatIds[0]!]);
    expect(first.errors).toBeUndefined();

    const opensAt = at(T0.getTime() + HOUR);
    const updated = await gql(api, admin, UPDATE_SHOW, {
      input: { showId: s.show.id, salesStartAt: opensAt.toISOString() },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateShow).toMatchObject({ onSale: false, salesStartAt: opensAt.toISOString() });

    const ext = expectNotOnSale(await hold(buyer(), s.show.id, [s.seatIds[1]!]), 'NOT_YET_OPEN');
    expect(ext['salesStartAt']).toBe(opensAt.toISOString());
    // The early buyer cannot replace their hold either, and keeps the one they have.
    expectNotOnSale(await hold(early, s.show.id, [s.seatIds[2]!]), 'NOT_YET_OPEN');
    expect(await heldSeats(s.show.id)).toEqual([s.seatIds[0]!]);
    const [row] = await h.db.sql<
      { status: string }[]
    >`select status from holds where id = ${first.data!.holdSeats.id}`;
    expect(row!.status).toBe('ACTIVE');

    clock.set(opensAt);
    expect((await hold(buyer(), s.show.id, [s.seatIds[1]!])).errors).toBeUndefined();
  });

  it('null unsets a bound: a closed show reopens until it starts', async () => {
    clock.set(T0);
    const s = await showWithWindow(h.services, {
      cityId,
      startsAt: at(T0.getTime() + 48 * HOUR),
      salesEndAt: at(T0.getTime() + 1),
    });
    clock.set(at(T0.getTime() + HOUR));
    expectNotOnSale(await hold(buyer(), s.show.id, [s.seatIds[0]!]), 'CLOSED');
    const reopened = await gql(api, admin, UPDATE_SHOW, { input: { showId: s.show.id, salesEndAt: null } });
    expect(reopened.data!.updateShow).toMatchObject({ onSale: true, salesEndAt: null });
    expect((await hold(buyer(), s.show.id, [s.seatIds[0]!])).errors).toBeUndefined();
  });
});

describe('off sale but visible', () => {
  it('the seat map and availability are readable before the window opens', async () => {
    clock.set(T0);
    const s = await showWithWindow(h.services, {
      cityId,
      startsAt: at(T0.getTime() + 48 * HOUR),
      salesStartAt: at(T0.getTime() + 24 * HOUR),
    });
    const show = await showOf(s.show.id);
    expect(show.onSale).toBe(false);
    expect(show.seatMap.seats).toHaveLength(10);
    expect(show.seatMap.seats.every((x: { status: string }) => x.status === 'AVAILABLE')).toBe(true);
    expect(show.availability).toEqual({ total: 10, available: 10 });
  });

  it('shows(filter: {onSale: true}) lists exactly the shows on sale now', async () => {
    clock.set(T0);
    const city = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `Town ${tag()}`, country: 'FR' }))
      .id;
    const startsAt = at(T0.getTime() + 48 * HOUR);
    const make = (w: { salesStartAt?: Date; salesEndAt?: Date }) =>
      showWithWindow(h.services, { cityId: city, startsAt, ...w }).then((x) => x.show.id);
    const open = await make({});
    const opened = await make({ salesStartAt: at(T0.getTime() + 30 * 60_000) });
    const notYet = await make({ salesStartAt: at(T0.getTime() + 2 * HOUR) });
    const closed = await make({ salesEndAt: at(T0.getTime() + 30 * 60_000) });
    const cancelled = await make({});
    await h.services.admin.cancelShow(SYSTEM_ACTOR, { showId: cancelled });
    const archived = await make({});
    await h.services.admin.archiveShow(SYSTEM_ACTOR, { showId: archived });

    clock.set(at(T0.getTime() + 45 * 60_000));
    const LIST = `query($f: ShowFilter!) { shows(filter: $f, first: 50) { edges { node { id onSale } } } }`;
    const list = async (f: Record<string, unknown>) =>
      (await gql(api, anonymous, LIST, { f: { cityId: city, ...f } })).data!.shows.edges.map(
        (e: { node: { id: string; onSale: boolean } }) => e.node,
      );
    const onSale = await list({ onSale: true });
    expect(onSale.map((n: { id: string }) => n.id).sort()).toEqual([open, opened].sort());
    expect(onSale.every((n: { onSale: boolean }) => n.onSale)).toBe(true);
    const all = await list({});
    expect(Object.fromEntries(all.map((n: { id: string; onSale: boolean }) => [n.id, n.onSale]))).toEqual({
      [open]: true,
      [opened]: true,
      [notYet]: false,
      [closed]: false,
    });
  });

  it('cancelled, archived and started shows answer NOT_ON_SALE with their reason', async () => {
    clock.set(T0);
    const startsAt = at(T0.getTime() + 3 * HOUR);
    const cancelled = await showWithWindow(h.services, { cityId, startsAt });
    await h.services.admin.cancelShow(SYSTEM_ACTOR, { showId: cancelled.show.id });
    const archived = await showWithWindow(h.services, { cityId, startsAt });
    await h.services.admin.archiveShow(SYSTEM_ACTOR, { showId: archived.show.id });
    const started = await showWithWindow(h.services, { cityId, startsAt });

    expectNotOnSale(await hold(buyer(), cancelled.show.id, [cancelled.seatIds[0]!]), 'CANCELLED');
    expectNotOnSale(await hold(buyer(), archived.show.id, [archived.seatIds[0]!]), 'ARCHIVED');
    clock.set(at(startsAt.getTime() + 60_000));
    expectNotOnSale(await hold(buyer(), started.show.id, [started.seatIds[0]!]), 'STARTED');
    for (const s of [cancelled, archived, started]) expect(await heldSeats(s.show.id)).toEqual([]);
  });
});
