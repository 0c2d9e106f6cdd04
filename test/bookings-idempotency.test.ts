import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createStripeGateway } from '../src/domain/payments/stripe-gateway.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import {
  checkMoneyInvariants,
  confirm,
  createPaymentsHarness,
  hold,
  type PaymentsHarness,
} from './helpers/payments.js';
import { seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

let p: PaymentsHarness;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];

beforeAll(async () => {
  p = await createPaymentsHarness({ poolMax: 20, timeoutMs: 1000 });
  f = await createShowFixture(p.h.services, { rows: 2, seatsPerRow: 8 });
  seats = await seatStates(p.h, f.showId);
  users = await createCustomers(p.h, 6);
});
afterAll(() => p.close());

const seat = (label: string) => seats.find((s) => s.label === label)!.id;
const intentsOf = (holdId: string) =>
  [...p.fake.ledger.paymentIntents.values()].filter((pi) => pi.metadata['hold_id'] === holdId);
const countRows = async (table: 'payments' | 'bookings', holdId: string) => {
  const [row] = await p.h.db.db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where hold_id = ${holdId}`,
  );
  return row!.n;
};

describe('confirmBooking replayed with one idempotency key', () => {
  it('10 times, 7 of them at once: one booking, one attempt, one PaymentIntent, one answer', async () => {
    const holdId = await hold(p, users[0]!, f.showId, [seat('A1'), seat('A2')]);
    const call = () => confirm(p, users[0]!, holdId, 'pm_card_visa', 'replay-10');
    const first = await Promise.all(Array.from({ length: 7 }, call));
    const rest = [await call(), await call(), await call()];
    const answers = [...first, ...rest];
    expect(answers.every((r) => r.errors === undefined)).toBe(true);
    expect(new Set(answers.map((r) => r.data!.confirmBooking.id)).size).toBe(1);
    expect(new Set(answers.map((r) => r.data!.confirmBooking.reference)).size).toBe(1);
    expect(intentsOf(holdId)).toHaveLength(1);
    expect(await countRows('payments', holdId)).toBe(1);
    expect(await countRows('bookings', holdId)).toBe(1);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('10 times, the first three answers lost on the way back: still one PaymentIntent', async () => {
    const holdId = await hold(p, users[1]!, f.showId, [seat('A3')]);
    const answers: Awaited<ReturnType<typeof confirm>>[] = [];
    for (let i = 0; i < 10; i++) {
      // The first three answers are lost on the way back, as in a crash after Stripe charged.
      if (i < 3) p.fake.injectFault({ kind: 'timeout', delayMs: 1500 });
      answers.push(await confirm(p, users[1]!, holdId, 'pm_card_visa', 'lost-10'));
    }
    expect(answers[0]!.errors?.[0]?.extensions).toMatchObject({ code: 'PAYMENT_FAILED', retryable: true });
    expect(answers[3]!.data?.confirmBooking.status).toBe('CONFIRMED');
    expect(
      answers.slice(4).every((r) => r.data?.confirmBooking.id === answers[3]!.data!.confirmBooking.id),
    ).toBe(true);
    expect(intentsOf(holdId)).toHaveLength(1);
    expect(
      new Set(
        p.fake.requests
          .filter(
            (r) => r.path === '/v1/payment_intents' && r.idempotencyKey?.startsWith(`confirm:${holdId}`),
          )
          .map((r) => r.idempotencyKey),
      ),
    ).toEqual(new Set([`confirm:${holdId}:1`]));
    expect(await checkMoneyInvariants(p)).toEqual([]);
  }, 60_000);

  it('the same key for another hold, or another card, is IDEMPOTENCY_KEY_REUSED and charges nothing', async () => {
    const a = await hold(p, users[2]!, f.showId, [seat('B1')]);
    const other = await createShowFixture(p.h.services, { rows: 1, seatsPerRow: 2 });
    const b = await hold(p, users[2]!, other.showId, [(await seatStates(p.h, other.showId))[0]!.id]);
    expect((await confirm(p, users[2]!, a, 'pm_card_visa', 'reused')).errors).toBeUndefined();
    const before = p.fake.ledger.paymentIntents.size;
    const otherCard = await confirm(p, users[2]!, a, 'pm_card_mastercard', 'reused');
    expect(otherCard.errors?.[0]?.extensions?.['code']).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherHold = await confirm(p, users[2]!, b, 'pm_card_visa', 'reused');
    expect(otherHold.errors?.[0]?.extensions?.['code']).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(p.fake.ledger.paymentIntents.size).toBe(before);
    expect(await countRows('payments', b)).toBe(0);
  });

  it('keys are per user: another user’s key does not replay someone else’s booking', async () => {
    const holdId = await hold(p, users[3]!, f.showId, [seat('B2')]);
    await confirm(p, users[3]!, holdId, 'pm_card_visa', 'shared-key');
    const res = await confirm(p, users[4]!, holdId, 'pm_card_visa', 'shared-key');
    expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('the Stripe key', () => {
  it('sent again with another amount: a handled idempotency_error, never a second charge', async () => {
    const gateway = createStripeGateway({
      secretKey: p.fake.secretKey,
      apiUrl: p.fake.url,
      maxNetworkRetries: 0,
    });
    const request = {
      idempotencyKey: 'confirm:manual:1',
      amount: 1000,
      currency: 'EUR',
      paymentMethod: 'pm_card_visa',
      description: 'test',
      metadata: {},
    };
    expect((await gateway.charge(request)).status).toBe('succeeded');
    const charges = p.fake.ledger.charges.size;
    const again = await gateway.charge({ ...request, amount: 2000 });
    // Unknown, not failed: the first request with this key did charge, so nothing may be assumed.
    expect(again).toMatchObject({ status: 'unknown' });
    expect(again.status === 'unknown' && again.message).toMatch(/same parameters/);
    expect(p.fake.ledger.charges.size).toBe(charges);
  });
});
