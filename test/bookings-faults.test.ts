import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createManualClock } from '../src/domain/clock.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import {
  checkMoneyInvariants,
  confirm,
  createPaymentsHarness,
  GET_BOOKING,
  hold,
  type PaymentsHarness,
} from './helpers/payments.js';
import { checkSeatInvariants, seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

/**
 * Stripe failing during confirmBooking: the buyer gets PAYMENT_FAILED, nobody guesses, and the
 * state is settled later by the same request retried or by the reconciliation job, which looks
 * the PaymentIntent up at Stripe (never starting a charge itself).
 */
const clock = createManualClock(new Date('2026-12-01T10:00:00Z'));
const UNKNOWN_AFTER_MS = 60_000; // createPaymentsHarness's unknownAfterMs
let p: PaymentsHarness;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];

beforeAll(async () => {
  p = await createPaymentsHarness({ clock, timeoutMs: 500 });
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
const intentsOf = (holdId: string) =>
  [...p.fake.ledger.paymentIntents.values()].filter((pi) => pi.metadata['hold_id'] === holdId);
const myBookings = async (viewer: Viewer) =>
  (await p.h.exec<any>(`{ me { bookings { edges { node { id status } } } } }`, {}, viewer)).data.me.bookings
    .edges;
const reconcileLater = async () => {
  clock.advance(UNKNOWN_AFTER_MS + 1000);
  return p.h.services.payments.reconcile(50);
};

describe('Stripe fails during confirmBooking', () => {
  it('500 after charging: PAYMENT_FAILED, no second attempt meanwhile, reconciliation books it', async () => {
    const viewer = users[0]!;
    const holdId = await hold(p, viewer, f.showId, [seat('A1')]);
    p.fake.injectFault({ kind: 'http500AfterProcessing' });
    const res = await confirm(p, viewer, holdId, 'pm_card_visa', 'f500-after');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'PAYMENT_FAILED', retryable: true });
    expect(intentsOf(holdId).map((pi) => pi.status)).toEqual(['succeeded']); // the money moved

    // Another card now would risk a second charge: refused until the first is settled.
    const another = await confirm(p, viewer, holdId, 'pm_card_mastercard', 'f500-after-2');
    expect(another.errors?.[0]?.extensions).toMatchObject({
      code: 'PAYMENT_FAILED',
      reason: 'payment_in_progress',
    });
    // The same request again learns nothing new: Stripe replays its saved 500.
    const again = await confirm(p, viewer, holdId, 'pm_card_visa', 'f500-after');
    expect(again.errors?.[0]?.extensions?.['code']).toBe('PAYMENT_FAILED');
    // Too early for reconciliation (the request might still be waiting for Stripe).
    expect(await p.h.services.payments.reconcile(50)).toBe(0);

    expect(await reconcileLater()).toBeGreaterThan(0);
    expect(await myBookings(viewer)).toEqual([{ node: { id: expect.any(String), status: 'CONFIRMED' } }]);
    const replay = await confirm(p, viewer, holdId, 'pm_card_visa', 'f500-after');
    expect(replay.data!.confirmBooking.status).toBe('CONFIRMED');
    expect(intentsOf(holdId)).toHaveLength(1);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('timeout: PAYMENT_FAILED; reconciliation finds the PaymentIntent and books it', async () => {
    const viewer = users[1]!;
    const holdId = await hold(p, viewer, f.showId, [seat('A2'), seat('A3')]);
    p.fake.injectFault({ kind: 'timeout', delayMs: 1500 });
    const res = await confirm(p, viewer, holdId, 'pm_card_visa', 'timeout-1');
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'PAYMENT_FAILED',
      reason: 'provider_unavailable',
    });
    await reconcileLater();
    const [booking] = await myBookings(viewer);
    expect(booking.node.status).toBe('CONFIRMED');
    const read = await p.h.exec<any>(GET_BOOKING, { id: booking.node.id }, viewer);
    expect(read.data.booking.seats.map((s: any) => s.status)).toEqual(['BOOKED', 'BOOKED']);
    expect(await checkSeatInvariants(p.h, f.showId)).toEqual([]);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('timeout, then the buyer retries with the same key: the retry learns the outcome at once', async () => {
    const viewer = users[2]!;
    const holdId = await hold(p, viewer, f.showId, [seat('A4')]);
    p.fake.injectFault({ kind: 'timeout', delayMs: 1500 });
    expect(
      (await confirm(p, viewer, holdId, 'pm_card_visa', 'timeout-2')).errors?.[0]?.extensions?.['code'],
    ).toBe('PAYMENT_FAILED');
    const retry = await confirm(p, viewer, holdId, 'pm_card_visa', 'timeout-2');
    expect(retry.data!.confirmBooking.status).toBe('CONFIRMED');
    expect(intentsOf(holdId)).toHaveLength(1);
  });

  it('500 before anything happened: reconciliation finds no PaymentIntent, nothing charged, the hold can be paid again', async () => {
    const viewer = users[3]!;
    const holdId = await hold(p, viewer, f.showId, [seat('A5')]);
    p.fake.injectFault({ kind: 'http500' });
    expect(
      (await confirm(p, viewer, holdId, 'pm_card_visa', 'f500-before')).errors?.[0]?.extensions?.['code'],
    ).toBe('PAYMENT_FAILED');
    expect(intentsOf(holdId)).toHaveLength(0);
    await reconcileLater();
    const replay = await confirm(p, viewer, holdId, 'pm_card_visa', 'f500-before');
    expect(replay.errors?.[0]).toMatchObject({
      extensions: { code: 'PAYMENT_FAILED', reason: 'provider_error' },
    });
    expect(replay.errors?.[0]?.message).toMatch(/nothing was charged/);
    const paid = await confirm(p, viewer, holdId, 'pm_card_visa', 'f500-before-2');
    expect(paid.data!.confirmBooking).toMatchObject({ status: 'CONFIRMED', payment: { attempt: 2 } });
    expect(intentsOf(holdId)).toHaveLength(1);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('a retry of a lost answer after the hold ran out only looks the payment up, it never charges', async () => {
    const viewer = users[4]!;
    const holdId = await hold(p, viewer, f.showId, [seat('B1')]);
    p.fake.injectFault({ kind: 'http500' });
    await confirm(p, viewer, holdId, 'pm_card_visa', 'dead-hold');
    clock.advance(700_000);
    await p.h.services.holds.expireDueHolds(100);
    const retry = await confirm(p, viewer, holdId, 'pm_card_visa', 'dead-hold');
    expect(retry.errors?.[0]?.extensions?.['code']).toBe('PAYMENT_FAILED');
    expect(intentsOf(holdId)).toHaveLength(0);
    await reconcileLater();
    expect(intentsOf(holdId)).toHaveLength(0);
  });

  it('a refund Stripe does not answer stays owed and goes out on a later run with the same key', async () => {
    const viewer = users[5]!;
    const holdId = await hold(p, viewer, f.showId, [seat('B2')]);
    const booking = (await confirm(p, viewer, holdId, 'pm_card_visa', 'refund-retry')).data!.confirmBooking;
    p.fake.injectFault({ kind: 'http500', path: '/v1/refunds' });
    const cancelled = await p.h.exec<any>(
      `mutation($input: CancelBookingInput!) { cancelBooking(input: $input) { status refund { status amount { amount } } } }`,
      { input: { bookingId: booking.id } },
      viewer,
    );
    expect(cancelled.data.cancelBooking).toMatchObject({
      status: 'CANCELLED',
      refund: { status: 'PENDING', amount: { amount: 1500 } },
    });
    clock.advance(11_000);
    expect(await p.h.services.payments.sendRefunds(10)).toBe(1);
    const after = await p.h.exec<any>(GET_BOOKING, { id: booking.id }, viewer);
    expect(after.data.booking.refund.status).toBe('SUCCEEDED');
    expect(p.fake.ledger.refunds.size).toBe(1);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });
});
