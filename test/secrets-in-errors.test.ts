import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { postGraphql, postGraphqlAs, startApiServer, type ApiServer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { CONFIRM, createPaymentsHarness, hold, type PaymentsHarness } from './helpers/payments.js';
import { seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';
import { captureLogs } from './helpers/log-capture.js';

/**
 * A failed statement must not carry its bind values into the logs or into a row. Drizzle's
 * query errors list every parameter, and Postgres' DETAIL quotes the failing row. Each test adds
 * a check constraint that the next statement writing a secret violates: a stand-in for whatever
 * makes such a statement fail in production (a dropped connection, a timeout, a bug).
 */
const log = captureLogs();
let p: PaymentsHarness;
let api: ApiServer;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];

beforeAll(async () => {
  p = await createPaymentsHarness({ logger: log.logger });
  api = await startApiServer({ logger: log.logger }, p.h);
  f = await createShowFixture(p.h.services, { rows: 1, seatsPerRow: 4 });
  seats = await seatStates(p.h, f.showId);
  users = await createCustomers(p.h, 2);
});
afterAll(async () => {
  await api.server.stop();
  await p.close();
});

describe('errors are logged and stored without their parameters', () => {
  it('a Stripe client_secret: not in the log of a failed confirmBooking, nor in stripe_events.last_error', async () => {
    await p.h.db.db.execute(
      sql.raw(
        `alter table payments add constraint probe_no_client_secret check (client_secret is null) not valid`,
      ),
    );
    const holdId = await hold(p, users[0]!, f.showId, [seats[0]!.id]);
    const res = await postGraphqlAs(api.base, users[0]!, CONFIRM, {
      input: { holdId, paymentMethodId: 'pm_card_authenticationRequired', idempotencyKey: `probe-${holdId}` },
    });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    const intent = [...p.fake.ledger.paymentIntents.values()].find(
      (pi) => pi.metadata['hold_id'] === holdId,
    )!;
    const secret = intent.client_secret!;
    expect(secret).toMatch(/_secret_/);

    // Stripe tells the same by webhook; the worker's update fails the same way, five times.
    for (const event of p.fake.ledger.events.filter((e) => JSON.stringify(e).includes(intent.id))) {
      const body = JSON.stringify(event);
      const posted = await fetch(`${api.base}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': p.fake.signPayload(body) },
        body,
      });
      expect(posted.status).toBe(200);
    }
    for (let i = 0; i < 5; i++) await p.h.services.payments.processEvents(10);
    const [failed] = await p.h.db.db.execute<{ lastError: string; attempts: number }>(sql`
      select last_error as "lastError", attempts from stripe_events
      where type = 'payment_intent.requires_action' and payload::text like ${`%${intent.id}%`}`);

    expect(failed!.attempts).toBe(5);
    expect(failed!.lastError).not.toContain(secret);
    expect(log.text()).not.toContain(secret);
    expect(log.text()).not.toContain(secret.split('_secret_')[1]);
    // The failures were logged, by the API and by the worker (so the above checked something).
    const logged = log
      .entries()
      .filter((l) => l.msg === 'unexpected error' || l.msg === 'Stripe event failed');
    expect(new Set(logged.map((l) => l.msg))).toEqual(new Set(['unexpected error', 'Stripe event failed']));
    // What is left still says what failed: the statement, the Postgres code and message.
    expect(failed!.lastError).toContain('Failed query: update "payments"');
    expect(failed!.lastError).toContain('Postgres 23514');
    expect(failed!.lastError).toContain('probe_no_client_secret');
    for (const line of logged) {
      expect(line.err).toMatchObject({
        code: '23514',
        message: expect.stringContaining('update "payments"'),
      });
    }
  });

  it('a password hash: not in the log of a failed register', async () => {
    await p.h.db.db.execute(
      sql.raw(`alter table users add constraint probe_name check (name <> 'Review Probe') not valid`),
    );
    const before = log.text().length;
    const password = 'a password nobody else knows';
    const res = await postGraphql(api.base, {
      query: `mutation($input: RegisterInput!) { register(input: $input) { token } }`,
      variables: { input: { email: 'probe@example.test', password, name: 'Review Probe' } },
    });
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(log.text().slice(before)).not.toContain('scrypt$'); // the stored form of every password hash
    expect(log.text().slice(before)).not.toContain(password);
    const logged = log.entries(before).filter((l) => l.msg === 'unexpected error');
    expect(logged.map((l) => l.err?.message)).toEqual([expect.stringContaining('insert into "users"')]);
    expect(logged[0]!.err).toMatchObject({ code: '23514' });
  });
});
