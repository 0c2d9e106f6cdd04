import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, signWebhookPayload, startFakeStripe } from '../src/fake-stripe/index.js';
import { parseForm } from '../src/fake-stripe/form.js';

/** The fake Stripe, driven by the real stripe client over HTTP on loopback. */
let fake: FakeStripe;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  const url = new URL(fake.url);
  stripe = new Stripe(fake.secretKey, {
    host: url.hostname,
    port: Number(url.port),
    protocol: 'http',
    maxNetworkRetries: 0,
    timeout: 1000,
  });
});
afterAll(() => fake.stop());

const params = (pm: string, amount = 1200): Stripe.PaymentIntentCreateParams => ({
  amount,
  currency: 'eur',
  payment_method: pm,
  confirm: true,
  automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  metadata: { order: 'o-1' },
});

describe('fake Stripe: test payment methods', () => {
  it('pm_card_visa succeeds with a charge', async () => {
    const pi = await stripe.paymentIntents.create(params('pm_card_visa'));
    expect(pi).toMatchObject({ status: 'succeeded', amount: 1200, amount_received: 1200, currency: 'eur' });
    expect(pi.latest_charge).toMatch(/^ch_/);
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
  });

  it('pm_card_chargeDeclined throws a StripeCardError with the PaymentIntent', async () => {
    const err = await stripe.paymentIntents.create(params('pm_card_chargeDeclined')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    const card = err as Stripe.errors.StripeCardError;
    expect(card).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    expect(card.payment_intent?.status).toBe('requires_payment_method');
  });

  it('pm_card_authenticationRequired requires action until the customer authenticates', async () => {
    const pi = await stripe.paymentIntents.create(params('pm_card_authenticationRequired'));
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action?.type).toBe('use_stripe_sdk');
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    fake.completeAuthentication(pi.id, true);
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
  });

  it('rejects unknown payment methods, redirects without return_url, bad keys and tiny amounts', async () => {
    await expect(stripe.paymentIntents.create(params('pm_nope'))).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
      param: 'payment_method',
    });
    const { automatic_payment_methods: _drop, ...redirecting } = params('pm_card_visa');
    await expect(stripe.paymentIntents.create(redirecting)).rejects.toMatchObject({ param: 'return_url' });
    await expect(stripe.paymentIntents.create(params('pm_card_visa', 10))).rejects.toMatchObject({
      code: 'amount_too_small',
    });
    const url = new URL(fake.url);
    const wrongKey = new Stripe('sk_test_wrong', {
      host: url.hostname,
      port: Number(url.port),
      protocol: 'http',
    });
    await expect(wrongKey.paymentIntents.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
  });

  it('cancels unfinished PaymentIntents only, and finds them by metadata', async () => {
    const pending = await stripe.paymentIntents.create({
      ...params('pm_card_authenticationRequired'),
      metadata: { k: 'find-me' },
    });
    expect((await stripe.paymentIntents.cancel(pending.id)).status).toBe('canceled');
    const paid = await stripe.paymentIntents.create(params('pm_card_visa'));
    await expect(stripe.paymentIntents.cancel(paid.id)).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
    });
    const found = await stripe.paymentIntents.search({ query: "metadata['k']:'find-me'" });
    expect(found.data.map((pi) => pi.id)).toEqual([pending.id]);
  });

  it('refunds in parts up to the captured amount, with charge.refunded events', async () => {
    const pi = await stripe.paymentIntents.create(params('pm_card_visa', 1000));
    const first = await stripe.refunds.create({ payment_intent: pi.id, amount: 600 });
    expect(first).toMatchObject({ status: 'succeeded', amount: 600, payment_intent: pi.id });
    await expect(stripe.refunds.create({ payment_intent: pi.id, amount: 500 })).rejects.toMatchObject({
      code: 'amount_too_large',
    });
    const rest = await stripe.refunds.create({ payment_intent: pi.id });
    expect(rest.amount).toBe(400);
    await expect(stripe.refunds.create({ payment_intent: pi.id })).rejects.toMatchObject({
      code: 'charge_already_refunded',
    });
    const refunded = fake.ledger.events.filter(
      (e) =>
        e.type === 'charge.refunded' &&
        (e.data.object as { payment_intent: string }).payment_intent === pi.id,
    );
    expect(refunded.map((e) => (e.data.object as { amount_refunded: number }).amount_refunded)).toEqual([
      600, 1000,
    ]);
  });
});

describe('fake Stripe: idempotency', () => {
  it('same key and parameters: the saved response, replayed; one PaymentIntent', async () => {
    const before = fake.ledger.paymentIntents.size;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        stripe.paymentIntents.create(params('pm_card_visa'), { idempotencyKey: 'idem-1' }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(fake.ledger.paymentIntents.size).toBe(before + 1);
    expect(fake.requests.filter((r) => r.idempotencyKey === 'idem-1' && r.replayed)).toHaveLength(4);
  });

  it('a decline is saved too: the retry gets the same decline, not a second attempt', async () => {
    const a = await stripe.paymentIntents
      .create(params('pm_card_chargeDeclined'), { idempotencyKey: 'idem-2' })
      .catch((e) => e);
    const b = await stripe.paymentIntents
      .create(params('pm_card_chargeDeclined'), { idempotencyKey: 'idem-2' })
      .catch((e) => e);
    expect(b.payment_intent.id).toBe(a.payment_intent.id);
  });

  it('same key, other parameters: idempotency_error and no second charge', async () => {
    await stripe.paymentIntents.create(params('pm_card_visa', 1000), { idempotencyKey: 'idem-3' });
    const before = fake.ledger.charges.size;
    const err = await stripe.paymentIntents
      .create(params('pm_card_visa', 2000), { idempotencyKey: 'idem-3' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((err as Stripe.errors.StripeError).rawType).toBe('idempotency_error');
    expect(fake.ledger.charges.size).toBe(before);
  });
});

describe('fake Stripe: faults', () => {
  it('http500 before processing: nothing happens, the retry with the key runs for real', async () => {
    fake.injectFault({ kind: 'http500' });
    const before = fake.ledger.paymentIntents.size;
    await expect(
      stripe.paymentIntents.create(params('pm_card_visa'), { idempotencyKey: 'f-1' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(fake.ledger.paymentIntents.size).toBe(before);
    const pi = await stripe.paymentIntents.create(params('pm_card_visa'), { idempotencyKey: 'f-1' });
    expect(pi.status).toBe('succeeded');
  });

  it('http500 after processing: money moved, and the key replays the 500', async () => {
    fake.injectFault({ kind: 'http500AfterProcessing' });
    const charges = fake.ledger.charges.size;
    await expect(
      stripe.paymentIntents.create(params('pm_card_visa'), { idempotencyKey: 'f-2' }),
    ).rejects.toMatchObject({
      statusCode: 500,
    });
    expect(fake.ledger.charges.size).toBe(charges + 1);
    await expect(
      stripe.paymentIntents.create(params('pm_card_visa'), { idempotencyKey: 'f-2' }),
    ).rejects.toMatchObject({
      statusCode: 500,
    });
    expect(fake.ledger.charges.size).toBe(charges + 1);
  });

  it('timeout: the client gives up, the work is done, and the key returns its result', async () => {
    fake.injectFault({ kind: 'timeout', delayMs: 3000 });
    await expect(
      stripe.paymentIntents.create(params('pm_card_visa'), { idempotencyKey: 'f-3' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const pi = await stripe.paymentIntents.create(params('pm_card_visa'), { idempotencyKey: 'f-3' });
    expect(pi.status).toBe('succeeded');
    expect(fake.requests.filter((r) => r.idempotencyKey === 'f-3').map((r) => [r.fault, r.replayed])).toEqual(
      [
        ['timeout', false],
        [null, true],
      ],
    );
  });
});

describe('fake Stripe: webhook signatures', () => {
  const secret = 'whsec_test_secret';
  const payload = JSON.stringify({
    id: 'evt_1',
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: {} },
  });

  it('signs exactly as Stripe does: constructEvent accepts it, and Stripe’s own test header equals it', () => {
    const t = Math.floor(Date.now() / 1000);
    const header = signWebhookPayload(payload, secret, t);
    expect(stripe.webhooks.constructEvent(payload, header, secret).id).toBe('evt_1');
    expect(header).toBe(stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: t }));
  });

  it('constructEvent rejects another secret, a changed body and a stale timestamp', () => {
    const t = Math.floor(Date.now() / 1000);
    expect(() =>
      stripe.webhooks.constructEvent(payload, signWebhookPayload(payload, 'whsec_other', t), secret),
    ).toThrow();
    expect(() =>
      stripe.webhooks.constructEvent(`${payload} `, signWebhookPayload(payload, secret, t), secret),
    ).toThrow();
    expect(() =>
      stripe.webhooks.constructEvent(payload, signWebhookPayload(payload, secret, t - 301), secret),
    ).toThrow(/tolerance/);
  });
});

describe('form decoding', () => {
  it('turns bracketed keys into objects and arrays, as Stripe reads them', () => {
    expect(
      parseForm('amount=5&metadata[a]=1&metadata[b]=x%20y&types[0]=card&types[1]=sepa&x[y][z]=1'),
    ).toEqual({
      amount: '5',
      metadata: { a: '1', b: 'x y' },
      types: ['card', 'sepa'],
      x: { y: { z: '1' } },
    });
  });
});
