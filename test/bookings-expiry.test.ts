import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createManualClock } from '../src/domain/clock.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import {
  checkMoneyInvariants,
  confirm,
  createPaymentsHarness,
  deliverEvents,
  GET_BOOKING,
  hold,
  type PaymentsHarness,
} from './helpers/payments.js';
import { checkSeatInvariants, seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

/**
 * A payment that lands after its hold expired: the same seats are booked if still free,
 * otherwise the payment is refunded in full and the answer is HOLD_EXPIRED with the refund.
 */
const clock = createManualClock(new Date('2026-12-01T10:00:00Z'));
const TTL_MS = 600_000;
let p: PaymentsHarness;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];

beforeAll(async () => {
  p = await createPaymentsHarness({ clock });
  // One section: every seat costs 1500.
  f = await createShowFixture(p.h.services, {
    rows: 2,
    seatsPerRow: 8,
    startsAt: new Date('2026-12-10T19:00:00Z'),
  });
  seats = await seatStates(p.h, f.showId);
  users = await createCustomers(p.h, 8);
});
afterAll(() => p.close());

const seat = (label: string) => seats.find((s) => s.label === label)!.id;
const statusOf = async (label: string) =>
  (await seatStates(p.h, f.showId)).find((s) => s.label === label)!.status;

/** Lets the hold run out while Stripe is answering: Stripe holds its answer until we are done. */
async function expireDuringPayment(
  viewer: Viewer,
  holdId: string,
  key: string,
  meanwhile: () => Promise<void>,
) {
  p.fake.injectFault({ kind: 'timeout', delayMs: 400 }); // slower than usual, below the client's timeout
  const pending = confirm(p, viewer, holdId, 'pm_card_visa', key);
  while (!p.fake.requests.some((r) => r.idempotencyKey === `confirm:${holdId}:1`)) {
    await new Promise((r) => setTimeout(r, 5));
  }
  clock.advance(TTL_MS + 1000);
  await p.h.services.holds.expireDueHolds(100);
  await meanwhile();
  return pending;
}

describe('paid after the hold expired', () => {
  it('books the same seats when they are still free', async () => {
    const holdId = await hold(p, users[0]!, f.showId, [seat('A1'), seat('A2')]);
    const res = await expireDuringPayment(users[0]!, holdId, 'late-free', async () => {
      expect(await statusOf('A1')).toBe('AVAILABLE');
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.confirmBooking).toMatchObject({ status: 'CONFIRMED', payment: { status: 'SUCCEEDED' } });
    expect(await statusOf('A1')).toBe('BOOKED');
    expect(await statusOf('A2')).toBe('BOOKED');
    expect(await checkSeatInvariants(p.h, f.showId)).toEqual([]);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('refunds in full when someone else took a seat, answering HOLD_EXPIRED with the refund', async () => {
    const holdId = await hold(p, users[1]!, f.showId, [seat('A3'), seat('A4')]);
    const res = await expireDuringPayment(users[1]!, holdId, 'late-taken', async () => {
      await hold(p, users[2]!, f.showId, [seat('A4')]);
    });
    const error = res.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'HOLD_EXPIRED', refundAmount: 3000, currency: 'EUR' });
    expect(error?.extensions?.['refundReference']).toMatch(/^RF-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    expect(error?.message).toMatch(/refunded in full/);
    // The refund went to Stripe right after the commit.
    const pi = [...p.fake.ledger.paymentIntents.values()].find((x) => x.metadata['hold_id'] === holdId)!;
    expect(p.fake.ledger.charges.get(pi.latest_charge!)!.amount_refunded).toBe(3000);
    expect(await statusOf('A3')).toBe('AVAILABLE');
    expect(await statusOf('A4')).toBe('HELD');
    // The same key gives the same answer.
    const replay = await confirm(p, users[1]!, holdId, 'pm_card_visa', 'late-taken');
    expect(replay.errors?.[0]?.extensions?.['refundReference']).toBe(error?.extensions?.['refundReference']);
    expect(await checkSeatInvariants(p.h, f.showId)).toEqual([]);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('3-D Secure finished after expiry: re-booked if free, refunded if taken', async () => {
    const free = await hold(p, users[3]!, f.showId, [seat('B1')]);
    const taken = await hold(p, users[4]!, f.showId, [seat('B2')]);
    const a = (await confirm(p, users[3]!, free, 'pm_card_authenticationRequired', 'tds-late-1')).data!
      .confirmBooking;
    const b = (await confirm(p, users[4]!, taken, 'pm_card_authenticationRequired', 'tds-late-2')).data!
      .confirmBooking;
    clock.advance(TTL_MS + 1000);
    await p.h.services.holds.expireDueHolds(100);
    await hold(p, users[5]!, f.showId, [seat('B2')]);

    const cursor = p.fake.ledger.events.length;
    p.fake.completeAuthentication(a.payment.paymentIntentId, true);
    p.fake.completeAuthentication(b.payment.paymentIntentId, true);
    await deliverEvents(p, cursor, { shuffle: true });
    await p.h.services.payments.sendRefunds(10);

    const rebooked = await p.h.exec<any>(GET_BOOKING, { id: a.id }, users[3]);
    expect(rebooked.data.booking).toMatchObject({
      status: 'CONFIRMED',
      seats: [{ label: 'B1', status: 'BOOKED' }],
    });
    const refunded = await p.h.exec<any>(GET_BOOKING, { id: b.id }, users[4]);
    expect(refunded.data.booking).toMatchObject({ status: 'CANCELLED', ticket: null });
    expect(await statusOf('B2')).toBe('HELD');
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('3-D Secure never finished: reconciliation cancels the PaymentIntent and the waiting booking', async () => {
    const holdId = await hold(p, users[6]!, f.showId, [seat('B5')]);
    const pending = (await confirm(p, users[6]!, holdId, 'pm_card_authenticationRequired', 'tds-abandoned'))
      .data!.confirmBooking;
    // Still in time: reconciliation leaves a buyer who is authenticating alone.
    await p.h.services.payments.reconcile(50);
    expect(p.fake.ledger.paymentIntents.get(pending.payment.paymentIntentId)!.status).toBe('requires_action');

    clock.advance(TTL_MS + 1000);
    await p.h.services.holds.expireDueHolds(100);
    await p.h.services.payments.reconcile(50);
    expect(p.fake.ledger.paymentIntents.get(pending.payment.paymentIntentId)!.status).toBe('canceled');
    const after = await p.h.exec<any>(GET_BOOKING, { id: pending.id }, users[6]);
    expect(after.data.booking).toMatchObject({ status: 'CANCELLED', payment: { status: 'CANCELED' } });
    expect(await statusOf('B5')).toBe('AVAILABLE');
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('the show was cancelled while paying: refunded, nothing booked', async () => {
    const show = await createShowFixture(p.h.services, {
      rows: 1,
      seatsPerRow: 2,
      startsAt: new Date('2026-12-11T19:00:00Z'),
    });
    const [s1] = await seatStates(p.h, show.showId);
    const holdId = await hold(p, users[7]!, show.showId, [s1!.id]);
    p.fake.injectFault({ kind: 'timeout', delayMs: 400 });
    const pending = confirm(p, users[7]!, holdId, 'pm_card_visa', 'show-cancelled');
    while (!p.fake.requests.some((r) => r.idempotencyKey === `confirm:${holdId}:1`)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await p.h.services.admin.cancelShow(SYSTEM_ACTOR, { showId: show.showId });
    const res = await pending;
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'HOLD_EXPIRED', refundAmount: 1500 });
    expect(res.errors?.[0]?.message).toMatch(/show was cancelled/);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });
});
