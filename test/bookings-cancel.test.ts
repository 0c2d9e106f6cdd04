import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createManualClock } from '../src/domain/clock.js';
import { tierAt } from '../src/domain/bookings/cancellation-policy.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import {
  CANCEL,
  checkMoneyInvariants,
  confirm,
  createPaymentsHarness,
  GET_BOOKING,
  hold,
  type PaymentsHarness,
} from './helpers/payments.js';
import { checkSeatInvariants, seatChangeLog, seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

const HOUR = 3_600_000;
const START = new Date('2026-12-10T19:00:00Z');
const clock = createManualClock(new Date('2026-12-01T10:00:00Z'));
let p: PaymentsHarness;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];

beforeAll(async () => {
  p = await createPaymentsHarness({ clock });
  // One section: each seat 1500.
  f = await createShowFixture(p.h.services, { rows: 2, seatsPerRow: 10, startsAt: START });
  seats = await seatStates(p.h, f.showId);
  users = await createCustomers(p.h, 8);
});
afterAll(() => p.close());

const seat = (label: string) => seats.find((s) => s.label === label)!.id;
const statusOf = async (label: string) =>
  (await seatStates(p.h, f.showId)).find((s) => s.label === label)!.status;
const cancel = (viewer: Viewer, bookingId: string, idempotencyKey?: string) =>
  p.h.exec<{ cancelBooking: any }>(
    CANCEL,
    { input: { bookingId, ...(idempotencyKey ? { idempotencyKey } : {}) } },
    viewer,
  );

async function book(viewer: Viewer, labels: string[], showId = f.showId, ids = labels.map(seat)) {
  clock.set(new Date('2026-12-01T10:00:00Z'));
  const holdId = await hold(p, viewer, showId, ids);
  const res = await confirm(p, viewer, holdId, 'pm_card_visa', `book-${holdId}`);
  return res.data!.confirmBooking as { id: string; payment: { paymentIntentId: string } };
}
const refundedAtStripe = (pi: string) =>
  p.fake.ledger.charges.get(p.fake.ledger.paymentIntents.get(pi)!.latest_charge!)!.amount_refunded;

describe('cancelBooking and the default policy', () => {
  it('24 h or more before the show: 100% back, seats on sale again, one seat-change row', async () => {
    const b = await book(users[0]!, ['A1', 'A2']);
    clock.set(new Date(START.getTime() - 24 * HOUR));
    const res = await cancel(users[0]!, b.id);
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelBooking).toMatchObject({
      status: 'CANCELLED',
      refund: { amount: { amount: 3000, currency: 'EUR' }, status: 'SUCCEEDED' },
    });
    expect(res.data!.cancelBooking.refund.reference).toMatch(/^RF-/);
    expect(refundedAtStripe(b.payment.paymentIntentId)).toBe(3000);
    expect(await statusOf('A1')).toBe('AVAILABLE');
    const log = await seatChangeLog(p.h, f.showId);
    expect(log.at(-1)).toMatchObject({ cause: 'CANCEL_BOOKING' });
    expect(log.at(-1)!.seats).toHaveLength(2);
    const read = await p.h.exec<any>(GET_BOOKING, { id: b.id }, users[0]);
    expect(read.data.booking.ticket).toBeNull();
    expect(await checkSeatInvariants(p.h, f.showId)).toEqual([]);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('between 2 and 24 h: 50% back (rounded down)', async () => {
    const b = await book(users[1]!, ['A3']);
    clock.set(new Date(START.getTime() - 24 * HOUR + 1));
    const res = await cancel(users[1]!, b.id);
    expect(res.data!.cancelBooking.refund.amount.amount).toBe(750);
    expect(refundedAtStripe(b.payment.paymentIntentId)).toBe(750);
  });

  it('under 2 h: CANCELLATION_NOT_ALLOWED and nothing changes', async () => {
    const b = await book(users[2]!, ['A4']);
    clock.set(new Date(START.getTime() - 2 * HOUR + 1));
    const res = await cancel(users[2]!, b.id);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('CANCELLATION_NOT_ALLOWED');
    expect(await statusOf('A4')).toBe('BOOKED');
    clock.set(new Date(START.getTime() - 2 * HOUR));
    expect((await cancel(users[2]!, b.id)).data!.cancelBooking.refund.amount.amount).toBe(750);
  });

  it('twice: CANCELLATION_NOT_ALLOWED; with a key the first answer is replayed instead', async () => {
    const b = await book(users[3]!, ['A5']);
    clock.set(new Date(START.getTime() - 48 * HOUR));
    const first = await cancel(users[3]!, b.id, 'cancel-key');
    const replay = await cancel(users[3]!, b.id, 'cancel-key');
    expect(replay.data!.cancelBooking).toEqual(first.data!.cancelBooking);
    const again = await cancel(users[3]!, b.id);
    expect(again.errors?.[0]).toMatchObject({
      message: 'This booking is already cancelled',
      extensions: { code: 'CANCELLATION_NOT_ALLOWED' },
    });
    expect(p.fake.ledger.refunds.size).toBeGreaterThan(0);
    expect(
      [...p.fake.ledger.refunds.values()].filter((r) => r.payment_intent === b.payment.paymentIntentId),
    ).toHaveLength(1);
  });

  it('someone else’s booking is FORBIDDEN; an admin may cancel it', async () => {
    const b = await book(users[4]!, ['A6']);
    clock.set(new Date(START.getTime() - 48 * HOUR));
    expect((await cancel(users[5]!, b.id)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await p.h.exec<any>(GET_BOOKING, { id: b.id }, users[5])).errors?.[0]?.extensions?.['code']).toBe(
      'FORBIDDEN',
    );
    const admin = await p.h.admin();
    expect((await cancel(admin, b.id)).data!.cancelBooking.status).toBe('CANCELLED');
  });

  it('a booking still waiting for 3-D Secure cannot be cancelled (its hold can be released)', async () => {
    clock.set(new Date('2026-12-01T10:00:00Z'));
    const holdId = await hold(p, users[6]!, f.showId, [seat('B1')]);
    const pending = (await confirm(p, users[6]!, holdId, 'pm_card_authenticationRequired', 'cancel-pending'))
      .data!.confirmBooking;
    const res = await cancel(users[6]!, pending.id);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CANCELLATION_NOT_ALLOWED', holdId });
  });
});

describe('per-show tiers', () => {
  const SET = `mutation($input: SetCancellationPolicyInput!) { setCancellationPolicy(input: $input) { tiers { hoursBefore refundPercent } } }`;
  const READ = `query($id: ID!) { show(id: $id) { cancellationPolicy { tiers { hoursBefore refundPercent } } } }`;

  it('admins set them; they decide the refund; invalid tiers are rejected', async () => {
    const show = await createShowFixture(p.h.services, { rows: 1, seatsPerRow: 4, startsAt: START });
    const admin = await p.h.admin();
    expect((await p.h.exec<any>(READ, { id: show.showId })).data.show.cancellationPolicy.tiers).toEqual([
      { hoursBefore: 24, refundPercent: 100 },
      { hoursBefore: 2, refundPercent: 50 },
    ]);
    const tiers = [
      { hoursBefore: 0, refundPercent: 10 },
      { hoursBefore: 168, refundPercent: 90 },
    ];
    const forbidden = await p.h.exec<any>(SET, { input: { showId: show.showId, tiers } }, users[7]);
    expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const set = await p.h.exec<any>(SET, { input: { showId: show.showId, tiers } }, admin);
    expect(set.data.setCancellationPolicy.tiers).toEqual([tiers[1], tiers[0]]);
    for (const bad of [[], [{ hoursBefore: 1, refundPercent: 101 }], [tiers[0], tiers[0]]]) {
      const res = await p.h.exec<any>(SET, { input: { showId: show.showId, tiers: bad } }, admin);
      expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }

    const showSeats = await seatStates(p.h, show.showId);
    const b = await book(users[7]!, [], show.showId, [showSeats[0]!.id]);
    clock.set(new Date(START.getTime() - 100 * HOUR)); // under a week: the 10% tier
    expect((await cancel(users[7]!, b.id)).data!.cancelBooking.refund.amount.amount).toBe(150);
  });

  it('tierAt picks the tier the show is still far enough away for', () => {
    const tiers = [
      { hoursBefore: 2, refundPercent: 50 },
      { hoursBefore: 24, refundPercent: 100 },
    ];
    const at = (hoursLeft: number) =>
      tierAt(tiers, START, new Date(START.getTime() - hoursLeft * HOUR))?.refundPercent;
    expect([at(100), at(24), at(23.99), at(2), at(1.99), at(-1)]).toEqual([
      100,
      100,
      50,
      50,
      undefined,
      undefined,
    ]);
  });
});

describe('cancelShow', () => {
  it('cancels every booking with a full refund and releases holds, in one seat change', async () => {
    const show = await createShowFixture(p.h.services, { rows: 1, seatsPerRow: 6, startsAt: START });
    const s = await seatStates(p.h, show.showId);
    const a = await book(users[0]!, [], show.showId, [s[0]!.id, s[1]!.id]);
    const b = await book(users[1]!, [], show.showId, [s[2]!.id]);
    const heldBy = await hold(p, users[2]!, show.showId, [s[3]!.id]);
    const pendingHold = await hold(p, users[3]!, show.showId, [s[4]!.id]);
    const pending = (
      await confirm(p, users[3]!, pendingHold, 'pm_card_authenticationRequired', 'show-pending')
    ).data!.confirmBooking;

    clock.set(new Date(START.getTime() - HOUR)); // even under 2 h: the show's cancellation refunds in full
    const admin = await p.h.admin();
    const res = await p.h.exec<any>(
      `mutation($id: ID!) { cancelShow(showId: $id) { status } }`,
      { id: show.showId },
      admin,
    );
    expect(res.data.cancelShow.status).toBe('CANCELLED');
    expect((await seatStates(p.h, show.showId)).map((x) => x.status)).toEqual(Array(6).fill('AVAILABLE'));
    const log = await seatChangeLog(p.h, show.showId);
    expect(log.at(-1)!.cause).toBe('CANCEL');
    expect(log.at(-1)!.seats).toHaveLength(5);

    // Refunds are owed in the same transaction and sent by the worker.
    await p.h.services.payments.sendRefunds(10);
    expect(refundedAtStripe(a.payment.paymentIntentId)).toBe(3000);
    expect(refundedAtStripe(b.payment.paymentIntentId)).toBe(1500);
    for (const [viewer, id] of [
      [users[0]!, a.id],
      [users[1]!, b.id],
      [users[3]!, pending.id],
    ] as const) {
      expect((await p.h.exec<any>(GET_BOOKING, { id }, viewer)).data.booking.status).toBe('CANCELLED');
    }
    expect((await p.h.services.holds.getHold(users[2]!, heldBy))!.status).toBe('RELEASED');

    // The waiting 3-D Secure payment is cancelled at Stripe by reconciliation.
    await p.h.services.payments.reconcile(50);
    expect(p.fake.ledger.paymentIntents.get(pending.payment.paymentIntentId)!.status).toBe('canceled');
    expect(await checkSeatInvariants(p.h, show.showId)).toEqual([]);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });
});
