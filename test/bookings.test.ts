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
import { checkSeatInvariants, seatChangeLog, seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

const clock = createManualClock(new Date('2026-12-01T10:00:00Z'));
let p: PaymentsHarness;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];

beforeAll(async () => {
  p = await createPaymentsHarness({ clock });
  // 3 rows x 6 seats; S1 (rows A-B) 1500, S2 (row C) 1000.
  f = await createShowFixture(p.h.services, {
    rows: 3,
    seatsPerRow: 6,
    sections: 2,
    startsAt: new Date('2026-12-10T19:00:00Z'),
  });
  seats = await seatStates(p.h, f.showId);
  users = await createCustomers(p.h, 6);
});
afterAll(() => p.close());

const seat = (label: string) => seats.find((s) => s.label === label)!.id;
const statusOf = async (label: string) =>
  (await seatStates(p.h, f.showId)).find((s) => s.label === label)!.status;

describe('confirmBooking', () => {
  it('charges the quoted total once and books the seats in one transaction', async () => {
    const holdId = await hold(p, users[0]!, f.showId, [seat('A1'), seat('C6')]);
    const before = p.fake.ledger.paymentIntents.size;
    const res = await confirm(p, users[0]!, holdId, 'pm_card_visa', 'happy-1');
    expect(res.errors).toBeUndefined();
    const booking = res.data!.confirmBooking;
    expect(booking).toMatchObject({
      status: 'CONFIRMED',
      total: { amount: 2500, currency: 'EUR' },
      payment: { status: 'SUCCEEDED', attempt: 1, clientSecret: null },
    });
    expect(booking.reference).toMatch(/^BX-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
    expect(booking.seats.map((s: any) => [s.label, s.status, s.price.amount])).toEqual([
      ['A1', 'BOOKED', 1500],
      ['C6', 'BOOKED', 1000],
    ]);
    expect(booking.ticket.code).toMatch(/^T1\./);

    // Stripe saw one PaymentIntent for the hold's total, with our key and our ids.
    expect(p.fake.ledger.paymentIntents.size).toBe(before + 1);
    const pi = p.fake.ledger.paymentIntents.get(booking.payment.paymentIntentId)!;
    expect(pi).toMatchObject({ amount: 2500, currency: 'eur', status: 'succeeded' });
    expect(pi.metadata).toMatchObject({ hold_id: holdId, user_id: users[0]!.id });
    expect(p.fake.requests.at(-1)!.idempotencyKey).toBe(`confirm:${holdId}:1`);

    expect(await statusOf('A1')).toBe('BOOKED');
    const log = await seatChangeLog(p.h, f.showId);
    expect(log.at(-1)).toMatchObject({ cause: 'BOOK' });
    expect(log.at(-1)!.seats).toEqual(
      expect.arrayContaining([
        { id: seat('A1'), status: 'BOOKED' },
        { id: seat('C6'), status: 'BOOKED' },
      ]),
    );
    const hold2 = await p.h.exec<any>(
      `query($id: ID!) { hold(id: $id) { status } }`,
      { id: holdId },
      users[0],
    );
    expect(hold2.data.hold.status).toBe('CONVERTED');
    expect(await checkSeatInvariants(p.h, f.showId)).toEqual([]);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('declines with the card’s decline code, keeps the hold, and takes another card', async () => {
    const holdId = await hold(p, users[1]!, f.showId, [seat('B2')]);
    const declined = await confirm(p, users[1]!, holdId, 'pm_card_chargeDeclined', 'decline-1');
    expect(declined.errors?.[0]?.extensions).toMatchObject({
      code: 'PAYMENT_DECLINED',
      declineCode: 'generic_decline',
      reason: 'card_declined',
    });
    expect(await statusOf('B2')).toBe('HELD');
    // The same key replays the decline, without asking Stripe again.
    const requests = p.fake.requests.length;
    const replay = await confirm(p, users[1]!, holdId, 'pm_card_chargeDeclined', 'decline-1');
    expect(replay.errors?.[0]?.extensions?.['code']).toBe('PAYMENT_DECLINED');
    expect(p.fake.requests.length).toBe(requests);

    const insufficient = await confirm(
      p,
      users[1]!,
      holdId,
      'pm_card_chargeDeclinedInsufficientFunds',
      'decline-2',
    );
    expect(insufficient.errors?.[0]?.extensions).toMatchObject({ declineCode: 'insufficient_funds' });

    const ok = await confirm(p, users[1]!, holdId, 'pm_card_visa', 'decline-3');
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.confirmBooking).toMatchObject({
      status: 'CONFIRMED',
      payment: { attempt: 3, status: 'SUCCEEDED' },
    });
    expect(p.fake.requests.slice(-1)[0]!.idempotencyKey).toBe(`confirm:${holdId}:3`);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('3-D Secure: a PENDING_PAYMENT booking with the client secret, confirmed by the webhook', async () => {
    const holdId = await hold(p, users[2]!, f.showId, [seat('C1'), seat('C2')]);
    let cursor = p.fake.ledger.events.length;
    const res = await confirm(p, users[2]!, holdId, 'pm_card_authenticationRequired', 'three-ds-1');
    expect(res.errors).toBeUndefined();
    const pending = res.data!.confirmBooking;
    expect(pending).toMatchObject({
      status: 'PENDING_PAYMENT',
      ticket: null,
      payment: { status: 'REQUIRES_ACTION' },
    });
    expect(pending.payment.clientSecret).toMatch(/^pi_.+_secret_/);
    expect(pending.seats.map((s: any) => s.status)).toEqual(['HELD', 'HELD']);
    // Only the owner sees the client secret.
    const admin = await p.h.admin();
    const asAdmin = await p.h.exec<any>(GET_BOOKING, { id: pending.id }, admin);
    expect(asAdmin.data.booking.payment).toEqual({ status: 'REQUIRES_ACTION', clientSecret: null });

    cursor = await deliverEvents(p, cursor); // payment_intent.requires_action: nothing changes
    p.fake.completeAuthentication(pending.payment.paymentIntentId, true);
    await deliverEvents(p, cursor);
    const after = await p.h.exec<any>(GET_BOOKING, { id: pending.id }, users[2]);
    expect(after.data.booking).toMatchObject({
      status: 'CONFIRMED',
      payment: { status: 'SUCCEEDED', clientSecret: null },
    });
    expect(after.data.booking.seats.map((s: any) => s.status)).toEqual(['BOOKED', 'BOOKED']);
    expect(after.data.booking.ticket.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // The same key now answers with the confirmed booking.
    const replay = await confirm(p, users[2]!, holdId, 'pm_card_authenticationRequired', 'three-ds-1');
    expect(replay.data!.confirmBooking.status).toBe('CONFIRMED');
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('3-D Secure failed: the hold stays, another card books it; a new card cancels an abandoned 3-D Secure', async () => {
    const holdId = await hold(p, users[3]!, f.showId, [seat('C3')]);
    const first = await confirm(p, users[3]!, holdId, 'pm_card_authenticationRequired', 'fail-3ds-1');
    const cursor = p.fake.ledger.events.length;
    p.fake.completeAuthentication(first.data!.confirmBooking.payment.paymentIntentId, false);
    await deliverEvents(p, cursor);
    const failed = await p.h.exec<any>(GET_BOOKING, { id: first.data!.confirmBooking.id }, users[3]);
    expect(failed.data.booking).toMatchObject({ status: 'PENDING_PAYMENT', payment: { status: 'FAILED' } });

    // Second try also needs 3-D Secure, and the buyer gives up on it for a plain card.
    const second = await confirm(p, users[3]!, holdId, 'pm_card_threeDSecure2Required', 'fail-3ds-2');
    const abandonedPi = second.data!.confirmBooking.payment.paymentIntentId;
    const third = await confirm(p, users[3]!, holdId, 'pm_card_mastercard', 'fail-3ds-3');
    expect(third.errors).toBeUndefined();
    expect(third.data!.confirmBooking).toMatchObject({
      id: first.data!.confirmBooking.id,
      status: 'CONFIRMED',
    });
    expect(p.fake.ledger.paymentIntents.get(abandonedPi)!.status).toBe('canceled');
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('refuses other users’ holds, released holds and bad input, charging nothing', async () => {
    const holdId = await hold(p, users[4]!, f.showId, [seat('C4')]);
    const before = p.fake.ledger.paymentIntents.size;
    const other = await confirm(p, users[5]!, holdId, 'pm_card_visa', 'other-1');
    expect(other.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const bad = await confirm(p, users[4]!, holdId, 'tok_visa', 'bad-1');
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.paymentMethodId',
    });
    const unknown = await confirm(p, users[4]!, holdId, 'pm_card_doesNotExist', 'bad-2');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.paymentMethodId',
    });
    const anonymous = await confirm(p, null as unknown as Viewer, holdId, 'pm_card_visa', 'anon-1');
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    await p.h.exec(`mutation($id: ID!) { releaseHold(holdId: $id) { id } }`, { id: holdId }, users[4]);
    const released = await confirm(p, users[4]!, holdId, 'pm_card_visa', 'released-1');
    expect(released.errors?.[0]?.extensions).toMatchObject({ code: 'HOLD_EXPIRED', holdStatus: 'RELEASED' });
    expect(p.fake.ledger.paymentIntents.size).toBe(before);
  });
});

describe('reading bookings', () => {
  it('booking(id) is the owner’s or an admin’s; me.bookings pages newest first', async () => {
    const viewer = users[5]!;
    const ids: string[] = [];
    for (const label of ['A4', 'A5', 'A6']) {
      clock.advance(1000);
      const holdId = await hold(p, viewer, f.showId, [seat(label)]);
      const res = await confirm(p, viewer, holdId, 'pm_card_visa', `read-${label}`);
      ids.push(res.data!.confirmBooking.id);
    }
    const mine = await p.h.exec<any>(GET_BOOKING, { id: ids[0] }, viewer);
    expect(mine.data.booking.id).toBe(ids[0]);
    const theirs = await p.h.exec<any>(GET_BOOKING, { id: ids[0] }, users[0]);
    expect(theirs.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const missing = await p.h.exec<any>(GET_BOOKING, { id: '00000000-0000-4000-8000-000000000000' }, viewer);
    expect(missing.data.booking).toBeNull();

    const page = `query($after: String) { me { bookings(first: 2, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const one = await p.h.exec<any>(page, {}, viewer);
    expect(one.data.me.bookings.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1]]);
    const two = await p.h.exec<any>(page, { after: one.data.me.bookings.pageInfo.endCursor }, viewer);
    expect(two.data.me.bookings.edges.map((e: any) => e.node.id)).toEqual([ids[0]]);
    expect(two.data.me.bookings.pageInfo.hasNextPage).toBe(false);
  });
});
