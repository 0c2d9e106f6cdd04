import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { signWebhookPayload } from '../src/fake-stripe/index.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import {
  checkMoneyInvariants,
  confirm,
  createPaymentsHarness,
  GET_BOOKING,
  hold,
  type PaymentsHarness,
} from './helpers/payments.js';
import { seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

/** POST /webhooks/stripe over real HTTP, and the worker that processes what it stored. */
let p: PaymentsHarness;
let api: ApiServer;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];

beforeAll(async () => {
  p = await createPaymentsHarness();
  api = await startApiServer({}, p.h);
  f = await createShowFixture(p.h.services, { rows: 2, seatsPerRow: 8 });
  seats = await seatStates(p.h, f.showId);
  users = await createCustomers(p.h, 6);
});
afterAll(async () => {
  await api.server.stop();
  await p.close();
});

const seat = (label: string) => seats.find((s) => s.label === label)!.id;
const now = () => Math.floor(Date.now() / 1000);
const post = (body: string, signature?: string, contentType = 'application/json; charset=utf-8') =>
  fetch(`${api.base}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(signature ? { 'stripe-signature': signature } : {}) },
    body,
  });
const stored = async (id: string) => {
  const rows = await p.h.db.db.execute<{ processed: boolean; attempts: number }>(
    sql`select processed_at is not null as processed, attempts from stripe_events where id = ${id}`,
  );
  return rows;
};
const eventJson = (
  id: string,
  type = 'payment_intent.succeeded',
  object: unknown = { object: 'payment_intent', id: 'pi_x', status: 'succeeded', metadata: {} },
) => JSON.stringify({ id, object: 'event', type, created: now(), data: { object } });

describe('POST /webhooks/stripe', () => {
  it('stores a signed event once; a redelivery is 200 and a no-op', async () => {
    const body = eventJson('evt_signed_1');
    const first = await post(body, p.fake.signPayload(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, id: 'evt_signed_1', duplicate: false });
    const again = await post(body, p.fake.signPayload(body));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await stored('evt_signed_1')).toHaveLength(1);
  });

  it('rejects forged, unsigned, stale, altered and malformed deliveries with 400, storing nothing', async () => {
    const body = eventJson('evt_bad_1');
    const cases: [string, Promise<Response>][] = [
      ['another secret', post(body, signWebhookPayload(body, 'whsec_forged', now()))],
      ['no signature', post(body)],
      ['garbage signature', post(body, 't=1,v1=deadbeef')],
      ['stale (301 s old)', post(body, p.fake.signPayload(body, now() - 301))],
      ['body changed after signing', post(body.replace('succeeded', 'canceled'), p.fake.signPayload(body))],
      ['signed, but not JSON', post('not json', p.fake.signPayload('not json'))],
      ['signed, form-encoded', post(body, p.fake.signPayload(body), 'application/x-www-form-urlencoded')],
    ];
    for (const [name, pending] of cases) {
      const res = await pending;
      // The form-encoded one is genuine: Stripe's content type does not matter, the bytes do.
      expect([name, res.status]).toEqual([name, name === 'signed, form-encoded' ? 200 : 400]);
    }
    expect(await stored('evt_bad_1')).toHaveLength(1);
    const tooBig = await post(JSON.stringify({ pad: 'x'.repeat(600_000) }), 't=1,v1=00');
    expect(tooBig.status).toBe(413);
  });
});

describe('processing stored events', () => {
  it('3-D Secure completed in the browser: the fake Stripe calls our endpoint and the booking is confirmed', async () => {
    p.fake.setWebhookUrl(`${api.base}/webhooks/stripe`);
    try {
      const holdId = await hold(p, users[0]!, f.showId, [seat('A1')]);
      const pending = (await confirm(p, users[0]!, holdId, 'pm_card_authenticationRequired', 'wh-3ds')).data!
        .confirmBooking;
      p.fake.completeAuthentication(pending.payment.paymentIntentId, true);
      await p.fake.webhooksIdle();
      while ((await p.h.services.payments.processEvents(50)) > 0);
      const booking = await p.h.exec<any>(GET_BOOKING, { id: pending.id }, users[0]);
      expect(booking.data.booking.status).toBe('CONFIRMED');
    } finally {
      p.fake.setWebhookUrl(undefined);
    }
  });

  it('out of order and repeated: a success is final, late failures and requires_action change nothing', async () => {
    const holdId = await hold(p, users[1]!, f.showId, [seat('A2')]);
    const from = p.fake.ledger.events.length;
    const pending = (await confirm(p, users[1]!, holdId, 'pm_card_authenticationRequired', 'wh-order')).data!
      .confirmBooking;
    p.fake.completeAuthentication(pending.payment.paymentIntentId, true);
    const events = p.fake.ledger.events.slice(from);
    // A stale failure snapshot of the same PaymentIntent, as a confused delivery might carry.
    const succeeded = events.find((e) => e.type === 'payment_intent.succeeded')!;
    const staleFailure = {
      ...succeeded,
      id: 'evt_stale_failure',
      type: 'payment_intent.payment_failed',
      data: { object: { ...(succeeded.data.object as object), status: 'requires_payment_method' } },
    };
    for (const e of [succeeded, ...events.reverse(), staleFailure, succeeded]) {
      const body = JSON.stringify(e);
      expect((await post(body, p.fake.signPayload(body))).status).toBe(200);
    }
    while ((await p.h.services.payments.processEvents(50)) > 0);
    const booking = await p.h.exec<any>(GET_BOOKING, { id: pending.id }, users[1]);
    expect(booking.data.booking).toMatchObject({ status: 'CONFIRMED', payment: { status: 'SUCCEEDED' } });
    expect(await stored('evt_stale_failure')).toEqual([{ processed: true, attempts: 0 }]);
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });

  it('several workers at once process each event exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `evt_parallel_${i}`;
      ids.push(id);
      const body = eventJson(id, 'payment_intent.succeeded', {
        object: 'payment_intent',
        id: `pi_not_ours_${i}`,
        status: 'succeeded',
        metadata: {},
      });
      await post(body, p.fake.signPayload(body));
    }
    const counts = await Promise.all(Array.from({ length: 4 }, () => p.h.services.payments.processEvents(7)));
    let total = counts.reduce((a, b) => a + b, 0);
    for (
      let n = await p.h.services.payments.processEvents(7);
      n > 0;
      n = await p.h.services.payments.processEvents(7)
    )
      total += n;
    expect(total).toBe(40);
    const rows = await p.h.db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from stripe_events where id = any(${sql.param(ids)}::text[]) and processed_at is not null`,
    );
    expect(rows[0]!.n).toBe(40);
  });

  it('an event that keeps failing is retried a few times, then left for a person', async () => {
    const holdA = await hold(p, users[2]!, f.showId, [seat('B1')]);
    const holdB = await hold(p, users[3]!, f.showId, [seat('B2')]);
    const waiting = (await confirm(p, users[2]!, holdA, 'pm_card_authenticationRequired', 'wh-poison-a'))
      .data!.confirmBooking;
    const paid = (await confirm(p, users[3]!, holdB, 'pm_card_visa', 'wh-poison-b')).data!.confirmBooking;
    const [row] = await p.h.db.db.execute<{ id: string }>(
      sql`select id from payments where hold_id = ${holdA}`,
    );
    // Claims that A's payment succeeded as B's PaymentIntent: applying it breaks a unique index.
    const body = eventJson('evt_poison', 'payment_intent.succeeded', {
      object: 'payment_intent',
      id: paid.payment.paymentIntentId,
      status: 'succeeded',
      metadata: { boxoffice_payment_id: row!.id },
    });
    await post(body, p.fake.signPayload(body));
    for (let i = 0; i < 7; i++) await p.h.services.payments.processEvents(50);
    expect(await stored('evt_poison')).toEqual([{ processed: false, attempts: 5 }]);
    // Its failures rolled back: A still waits for authentication, B is untouched.
    const a = await p.h.exec<any>(GET_BOOKING, { id: waiting.id }, users[2]);
    expect(a.data.booking).toMatchObject({
      status: 'PENDING_PAYMENT',
      payment: { status: 'REQUIRES_ACTION' },
    });
    expect(await checkMoneyInvariants(p)).toEqual([]);
  });
});
