import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { DAY, tag } from './helpers/catalog.js';
import { createPaymentsHarness, type PaymentsHarness } from './helpers/payments.js';
import {
  adminCaller,
  gql,
  HOLD,
  quickCustomers,
  showWithWindow,
  ticketsOf,
  type Caller,
} from './helpers/onsale.js';
import { checkSeatInvariants } from './helpers/seats.js';

// The event's maxTicketsPerUser bounds the seats one buyer holds plus owns in live bookings of
// one show, under concurrency too; admins (the box office) are exempt.

let p: PaymentsHarness;
let api: ApiServer;
let admin: Caller;
let buyers: Caller[];
let cityId: string;
let next = 0;
const buyer = () => buyers[next++]!;

beforeAll(async () => {
  p = await createPaymentsHarness({ poolMax: 25 });
  api = await startApiServer({ showCacheMaxAgeMs: 0 }, p.h);
  admin = await adminCaller(p.h);
  buyers = await quickCustomers(p.h, 10);
  cityId = (await p.h.services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' })).id;
});
afterAll(async () => {
  await api.close();
  await p.close();
});

const CONFIRM = `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { id status seats { id } } }`;
const UPDATE_EVENT = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id maxTicketsPerUser } }`;

const capped = (maxTicketsPerUser: number) =>
  showWithWindow(p.h.services, {
    cityId,
    startsAt: new Date(Date.now() + 3 * DAY),
    rows: 8,
    seats: 10,
    maxTicketsPerUser,
  });
const hold = (who: Caller, showId: string, seatIds: string[]) =>
  gql(api, who, HOLD, { input: { showId, seatIds } });
async function book(who: Caller, showId: string, seatIds: string[]) {
  const held = await hold(who, showId, seatIds);
  expect(held.errors).toBeUndefined();
  const res = await gql(api, who, CONFIRM, {
    input: { holdId: held.data!.holdSeats.id, paymentMethodId: 'pm_card_visa', idempotencyKey: tag() },
  });
  expect(res.data?.confirmBooking?.status, JSON.stringify(res)).toBe('CONFIRMED');
}

const tickets = (who: Caller, showId: string) => ticketsOf(p.h, who, showId);

const limitOf = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions;

/** 20 holds of one buyer at once, the i-th for `sizes[i]` seats of its own (no seat is asked twice). */
async function stampede(who: Caller, showId: string, seatIds: string[], sizes: number[], from = 0) {
  let offset = from;
  const requests = sizes.map((n) => seatIds.slice(offset, (offset += n)));
  return Promise.all(requests.map(async (ids) => ({ ids, res: await hold(who, showId, ids) })));
}

describe('per-buyer purchase cap', () => {
  it('20 parallel holds of one buyer never end above the cap', async () => {
    const s = await capped(4);
    const who = buyer();
    const sizes = Array.from({ length: 20 }, (_, i) => 1 + (i % 6)); // 1..6 seats
    const results = await stampede(who, s.show.id, s.seatIds, sizes);
    for (const { ids, res } of results) {
      if (ids.length <= 4) expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      else expect(limitOf(res)).toMatchObject({ code: 'PURCHASE_LIMIT_REACHED', limit: 4, remaining: 4 });
    }
    const now = await tickets(who, s.show.id);
    expect(now.activeHolds).toBe(1);
    expect(now.held).toBeGreaterThan(0);
    expect(now.held).toBeLessThanOrEqual(4);
    expect(await checkSeatInvariants(p.h, s.show.id)).toEqual([]);
  });

  it('with bookings already owned, parallel holds fill the cap and never pass it', async () => {
    const s = await capped(5);
    const who = buyer();
    await book(who, s.show.id, s.seatIds.slice(0, 3));
    const sizes = Array.from({ length: 20 }, (_, i) => 1 + (i % 4)); // 1..4 seats
    const results = await stampede(who, s.show.id, s.seatIds, sizes, 3);
    for (const { ids, res } of results) {
      if (ids.length <= 2) expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      else expect(limitOf(res)).toMatchObject({ code: 'PURCHASE_LIMIT_REACHED', limit: 5, remaining: 2 });
    }
    const now = await tickets(who, s.show.id);
    expect(now.booked).toBe(3);
    expect(now.held + now.booked).toBeLessThanOrEqual(5);
    expect(await checkSeatInvariants(p.h, s.show.id)).toEqual([]);
  });

  it('remaining counts live bookings; the hold being replaced does not count', async () => {
    const s = await capped(5);
    const who = buyer();
    const ids = s.seatIds;
    expect((await hold(who, s.show.id, ids.slice(0, 3))).errors).toBeUndefined();
    // 5 new seats replace the 3 held: 5 in all, at the cap.
    expect((await hold(who, s.show.id, ids.slice(3, 8))).errors).toBeUndefined();
    expect(limitOf(await hold(who, s.show.id, ids.slice(10, 16)))).toMatchObject({
      code: 'PURCHASE_LIMIT_REACHED',
      limit: 5,
      remaining: 5,
    });
    await book(who, s.show.id, ids.slice(20, 22));
    expect(limitOf(await hold(who, s.show.id, ids.slice(30, 34)))).toMatchObject({ limit: 5, remaining: 3 });
    expect((await hold(who, s.show.id, ids.slice(30, 33))).errors).toBeUndefined();
    await book(who, s.show.id, ids.slice(40, 43));
    expect(limitOf(await hold(who, s.show.id, [ids[50]!]))).toMatchObject({ limit: 5, remaining: 0 });
    expect(await tickets(who, s.show.id)).toEqual({ held: 0, booked: 5, activeHolds: 0 });
  });

  it('admins are exempt (the box office sells for many buyers)', async () => {
    const s = await capped(2);
    await book(admin, s.show.id, s.seatIds.slice(0, 6));
    const results = await stampede(admin, s.show.id, s.seatIds, [5, 6, 7], 6);
    for (const { res } of results) expect(res.errors).toBeUndefined();
    const now = await tickets(admin, s.show.id);
    expect(now.booked).toBe(6);
    expect(now.held).toBeGreaterThanOrEqual(5);
  });

  it('a lower cap set by updateEvent applies to new holds only', async () => {
    const s = await capped(10);
    const [early, late] = [buyer(), buyer()];
    const kept = await hold(early, s.show.id, s.seatIds.slice(0, 4));
    expect(kept.errors).toBeUndefined();
    const lowered = await gql(api, admin, UPDATE_EVENT, {
      input: { eventId: s.event.id, maxTicketsPerUser: 2 },
    });
    expect(lowered.data!.updateEvent.maxTicketsPerUser).toBe(2);

    // The held 4 stay held and can be paid for.
    const [row] = await p.h.db.sql<
      { status: string }[]
    >`select status from holds where id = ${kept.data!.holdSeats.id}`;
    expect(row!.status).toBe('ACTIVE');
    const paid = await gql(api, early, CONFIRM, {
      input: { holdId: kept.data!.holdSeats.id, paymentMethodId: 'pm_card_visa', idempotencyKey: tag() },
    });
    expect(paid.data!.confirmBooking).toMatchObject({ status: 'CONFIRMED', seats: expect.any(Array) });
    expect(paid.data!.confirmBooking.seats).toHaveLength(4);
    // New holds meet the new cap.
    expect(limitOf(await hold(early, s.show.id, [s.seatIds[10]!]))).toMatchObject({ limit: 2, remaining: 0 });
    expect(limitOf(await hold(late, s.show.id, s.seatIds.slice(20, 23)))).toMatchObject({
      limit: 2,
      remaining: 2,
    });
    expect((await hold(late, s.show.id, s.seatIds.slice(20, 22))).errors).toBeUndefined();
  });
});
