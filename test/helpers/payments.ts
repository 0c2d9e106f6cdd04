import { sql } from 'drizzle-orm';
import type { Viewer } from '../../src/domain/auth/tokens.js';
import type { Clock } from '../../src/domain/clock.js';
import type { ServiceConfig } from '../../src/domain/services.js';
import type { Logger } from '../../src/logger.js';
import { type FakeStripe, startFakeStripe } from '../../src/fake-stripe/index.js';
import { createHarness, type Harness } from './harness.js';

export const CONFIRM = `mutation Confirm($input: ConfirmBookingInput!) {
  confirmBooking(input: $input) {
    id reference status total { amount currency } createdAt confirmedAt
    seats { id label status price { amount currency } }
    payment { status attempt clientSecret paymentIntentId declineCode }
    ticket { code }
  }
}`;
export const CANCEL = `mutation Cancel($input: CancelBookingInput!) {
  cancelBooking(input: $input) { id status cancelledAt refund { reference amount { amount currency } status } }
}`;
export const HOLD = `mutation Hold($input: HoldSeatsInput!) { holdSeats(input: $input) { id status total { amount } } }`;
export const GET_BOOKING = `query Get($id: ID!) {
  booking(id: $id) { id reference status checkedInAt seats { label status } payment { status clientSecret } ticket { code qrSvg } refund { reference status amount { amount } } }
}`;

export interface PaymentsHarness {
  h: Harness;
  fake: FakeStripe;
  close(): Promise<void>;
}

/**
 * A harness whose Stripe is a fresh fake on loopback, reached by the real stripe client. The
 * client gives up after `timeoutMs` and does not retry by itself, so faults reach the domain.
 */
export async function createPaymentsHarness(
  opts: {
    clock?: Clock;
    timeoutMs?: number;
    config?: Partial<ServiceConfig>;
    poolMax?: number;
    logger?: Logger;
  } = {},
): Promise<PaymentsHarness> {
  const fake = await startFakeStripe(opts.clock ? { clock: opts.clock } : {});
  const h = await createHarness({
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.poolMax ? { poolMax: opts.poolMax } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    config: {
      payments: {
        stripe: {
          secretKey: fake.secretKey,
          apiUrl: fake.url,
          webhookSecret: fake.webhookSecret,
          timeoutMs: opts.timeoutMs ?? 3000,
          maxNetworkRetries: 0,
        },
        unknownAfterMs: 60_000,
      },
      ...opts.config,
    },
  });
  return { h, fake, close: async () => (await h.close(), await fake.stop()) };
}

/**
 * Delivers the fake's events from index `from` on through the real inbox (signed, verified,
 * stored), then lets the worker process them; returns the next index.
 */
export async function deliverEvents(
  p: PaymentsHarness,
  from = 0,
  opts: { shuffle?: boolean } = {},
): Promise<number> {
  const events = p.fake.ledger.events.slice(from);
  const order = opts.shuffle ? [...events].sort(() => Math.random() - 0.5) : events;
  for (const event of order) {
    const payload = JSON.stringify(event);
    await p.h.services.payments.receiveWebhook(Buffer.from(payload), p.fake.signPayload(payload));
  }
  while ((await p.h.services.payments.processEvents(100)) > 0);
  return from + events.length;
}

export const confirm = (
  p: PaymentsHarness,
  viewer: Viewer,
  holdId: string,
  paymentMethodId: string,
  key: string,
) =>
  p.h.exec<{ confirmBooking: any }>(
    CONFIRM,
    { input: { holdId, paymentMethodId, idempotencyKey: key } },
    viewer,
  );

export async function hold(
  p: PaymentsHarness,
  viewer: Viewer,
  showId: string,
  seatIds: string[],
): Promise<string> {
  const res = await p.h.exec<{ holdSeats: { id: string } }>(HOLD, { input: { showId, seatIds } }, viewer);
  if (res.errors) throw new Error(`hold failed: ${JSON.stringify(res.errors)}`);
  return res.data!.holdSeats.id;
}

/**
 * Money and seats agree: no seat BOOKED without a confirmed booking paid by a succeeded payment;
 * no succeeded payment without a booking or a refund; no PaymentIntent behind two bookings. Once
 * `settled` (every webhook delivered, reconciliation and refunds run): every PaymentIntent that
 * took money at the fake is known to us as succeeded, and what Stripe refunded matches our refunds.
 */
export async function checkMoneyInvariants(
  p: PaymentsHarness,
  opts: { settled?: boolean } = {},
): Promise<string[]> {
  const rows = await p.h.db.db.execute<{ problem: string }>(sql`
    select 'seat ' || ss.id || ' BOOKED without a confirmed, paid booking' as problem
      from show_seats ss left join bookings b on b.id = ss.booking_id left join payments p on p.id = b.payment_id
      where ss.status = 'BOOKED' and (b.status is distinct from 'CONFIRMED' or p.status is distinct from 'SUCCEEDED')
    union all
    select 'confirmed booking ' || b.id || ' without BOOKED seats'
      from bookings b where b.status = 'CONFIRMED'
        and exists (select 1 from booking_seats bs join show_seats ss on ss.id = bs.show_seat_id
                    where bs.booking_id = b.id and (ss.status <> 'BOOKED' or ss.booking_id <> b.id or not bs.live))
    union all
    select 'succeeded payment ' || p.id || ' has neither a booking nor a refund'
      from payments p where p.status = 'SUCCEEDED'
        and not exists (select 1 from bookings b where b.payment_id = p.id)
        and not exists (select 1 from refunds r where r.payment_id = p.id)
    union all
    select 'PaymentIntent ' || p.stripe_payment_intent_id || ' behind ' || count(*) || ' bookings'
      from bookings b join payments p on p.id = b.payment_id
      group by p.stripe_payment_intent_id having count(*) > 1
    union all
    select 'hold ' || hold_id || ' has ' || count(*) || ' succeeded payments without refunds'
      from payments p where p.status = 'SUCCEEDED' and not exists (select 1 from refunds r where r.payment_id = p.id)
      group by hold_id having count(*) > 1`);
  const problems = rows.map((r) => r.problem);
  if (opts.settled === false) return problems;
  const ours = await p.h.db.db.execute<{
    pi: string;
    status: string;
    refunded: number | null;
    refundStatus: string | null;
  }>(sql`
    select p.stripe_payment_intent_id as pi, p.status, r.amount as refunded, r.status as "refundStatus"
    from payments p left join refunds r on r.payment_id = p.id where p.stripe_payment_intent_id is not null`);
  const byPi = new Map(ours.map((o) => [o.pi, o]));
  for (const pi of p.fake.ledger.paymentIntents.values()) {
    if (pi.status !== 'succeeded') continue;
    const known = byPi.get(pi.id);
    if (known?.status !== 'SUCCEEDED')
      problems.push(`${pi.id} took money but we have it as ${known?.status ?? 'unknown'}`);
    const charge = p.fake.ledger.charges.get(pi.latest_charge!)!;
    const refundedHere = known?.refundStatus === 'SUCCEEDED' ? (known.refunded ?? 0) : 0;
    if (charge.amount_refunded !== refundedHere) {
      problems.push(`${pi.id}: Stripe refunded ${charge.amount_refunded}, we recorded ${refundedHere}`);
    }
  }
  return problems;
}
