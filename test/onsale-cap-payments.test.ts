import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { DAY, tag } from './helpers/catalog.js';
import {
  checkMoneyInvariants,
  createPaymentsHarness,
  deliverEvents,
  type PaymentsHarness,
} from './helpers/payments.js';
import {
  gql,
  HOLD,
  lockWaiters,
  quickCustomers,
  showWithWindow,
  ticketsOf,
  until,
  type Caller,
} from './helpers/onsale.js';
import { checkSeatInvariants } from './helpers/seats.js';

// The purchase cap where holds meet payments: a payment that lands after its hold was replaced,
// and a payment that books a hold while the same buyer places a new one.

let p: PaymentsHarness;
let api: ApiServer;
let buyers: Caller[];
let cityId: string;
let next = 0;
const buyer = () => buyers[next++]!;

beforeAll(async () => {
  p = await createPaymentsHarness({ poolMax: 20 });
  api = await startApiServer({ showCacheMaxAgeMs: 0 }, p.h);
  buyers = await quickCustomers(p.h, 6);
  cityId = (await p.h.services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' })).id;
});
afterAll(async () => {
  await api.close();
  await p.close();
});

const CONFIRM = `mutation($input: ConfirmBookingInput!) {
  confirmBooking(input: $input) { id status seats { id } payment { paymentIntentId } }
}`;
const BOOKING = `query($id: ID!) { booking(id: $id) { status } }`;
const capped = (maxTicketsPerUser: number) =>
  showWithWindow(p.h.services, {
    cityId,
    startsAt: new Date(Date.now() + 3 * DAY),
    rows: 2,
    seats: 10,
    maxTicketsPerUser,
  });
const hold = (who: Caller, showId: string, seatIds: string[]) =>
  gql(api, who, HOLD, { input: { showId, seatIds } });
const confirm = (who: Caller, holdId: string, paymentMethodId = 'pm_card_visa') =>
  gql(api, who, CONFIRM, { input: { holdId, paymentMethodId, idempotencyKey: tag() } });

const tickets = async (who: Caller, showId: string) => {
  const { held, booked } = await ticketsOf(p.h, who, showId);
  return { held, booked };
};

/**
 * Buys 4 seats with 3-D Secure, places a hold of 4 other seats meanwhile (which replaces the
 * first hold), then finishes the authentication: the payment lands after its hold ended.
 */
async function lateThreeDSecure(cap: number) {
  const s = await capped(cap);
  const who = buyer();
  const first = await hold(who, s.show.id, s.seatIds.slice(0, 4));
  const pending = (await confirm(who, first.data!.holdSeats.id, 'pm_card_authenticationRequired')).data!
    .confirmBooking;
  expect(pending.status).toBe('PENDING_PAYMENT');
  expect((await hold(who, s.show.id, s.seatIds.slice(10, 14))).errors).toBeUndefined();
  const cursor = p.fake.ledger.events.length;
  p.fake.completeAuthentication(pending.payment.paymentIntentId, true);
  await deliverEvents(p, cursor);
  await p.h.services.payments.sendRefunds(10);
  const booking = (await gql(api, who, BOOKING, { id: pending.id })).data!.booking;
  return { s, who, booking };
}

describe('a payment that lands after its hold was replaced', () => {
  it('is refunded in full when re-booking would take the buyer past the cap', async () => {
    const { s, who, booking } = await lateThreeDSecure(5);
    expect(booking.status).toBe('CANCELLED');
    const refunds = await p.h.db.sql<{ amount: number; reason: string }[]>`
      select r.amount, r.reason from refunds r join payments pay on pay.id = r.payment_id
      where pay.user_id = ${who.viewer!.id}`;
    expect(refunds).toEqual([{ amount: 4000, reason: 'PURCHASE_LIMIT' }]);
    expect(await tickets(who, s.show.id)).toEqual({ held: 4, booked: 0 });
    expect(await checkMoneyInvariants(p)).toEqual([]);
    expect(await checkSeatInvariants(p.h, s.show.id)).toEqual([]);
  });

  it('re-books the same seats when the cap leaves room', async () => {
    const { s, who, booking } = await lateThreeDSecure(8);
    expect(booking.status).toBe('CONFIRMED');
    expect(await tickets(who, s.show.id)).toEqual({ held: 4, booked: 4 });
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });
});

const waiting = (like: string) => lockWaiters(p.h, like);

describe('a payment booking a hold while the same buyer places a new one', () => {
  it('never ends above the cap', async () => {
    const s = await capped(5);
    const who = buyer();
    const first = await hold(who, s.show.id, s.seatIds.slice(0, 4));
    expect(first.errors).toBeUndefined();

    // Pause the booking transaction at its seat-change row (after it has booked the seats and
    // locked the hold), place the new hold meanwhile, then let both finish.
    const conn = await p.h.db.sql.reserve();
    let paid: Awaited<ReturnType<typeof confirm>>;
    let second: Awaited<ReturnType<typeof hold>>;
    try {
      await conn`begin`;
      await conn`lock table seat_changes in share mode`;
      const paying = confirm(who, first.data!.holdSeats.id);
      await until(async () => (await waiting('%insert into seat_changes%')) === 1, 'the booking to wait');
      let placed = false;
      const placing = hold(who, s.show.id, s.seatIds.slice(10, 14)).finally(() => (placed = true));
      await until(async () => placed || (await waiting('%boxoffice_place_hold%')) === 1, 'the new hold');
      await conn`commit`;
      [paid, second] = await Promise.all([paying, placing]);
    } finally {
      conn.release();
    }

    expect(paid.data?.confirmBooking?.status, JSON.stringify(paid)).toBe('CONFIRMED');
    const now = await tickets(who, s.show.id);
    expect(now.booked).toBe(4);
    expect(
      now.held + now.booked,
      `new hold: ${JSON.stringify(second.errors ?? 'placed')}`,
    ).toBeLessThanOrEqual(5);
    if (second.errors) {
      expect(second.errors[0]!.extensions).toMatchObject({ code: 'PURCHASE_LIMIT_REACHED', remaining: 1 });
    }
    expect(await checkSeatInvariants(p.h, s.show.id)).toEqual([]);
  });
});
