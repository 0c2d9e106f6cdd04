import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql, startApiServer, type ApiServer, type HttpAnswer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, createManualClock } from './helpers/harness.js';
import { captureLogger, type LogEntry } from './helpers/log-capture.js';
import { seatStates } from './helpers/seats.js';

/**
 * REQUIRE_VERIFIED_EMAIL: holdSeats needs a verified email. Until notifications exist the code is
 * written to the log; the buyer confirms it with verifyEmail.
 */
const clock = createManualClock();
let api: ApiServer;
let entries: LogEntry[];
let show: ShowFixture;
let seatIds: string[];
let seat = 0;

beforeAll(async () => {
  const captured = captureLogger();
  entries = captured.entries;
  const h = await createHarness({ clock, logger: captured.logger, config: { requireVerifiedEmail: true } });
  api = await startApiServer({}, h);
  show = await createShowFixture(h.services, { rows: 2, seatsPerRow: 10 });
  seatIds = (await seatStates(h, show.showId)).map((s) => s.id);
});
afterAll(async () => {
  await api?.close();
  await api?.h.close();
});

const REGISTER =
  'mutation ($input: RegisterInput!) { register(input: $input) { token user { emailVerified } } }';
const HOLD = 'mutation ($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }';
const VERIFY = 'mutation ($input: VerifyEmailInput!) { verifyEmail(input: $input) { id emailVerified } }';
const REQUEST = 'mutation { requestEmailVerificationCode { expiresAt resendAfter } }';
const gql = (token: string, query: string, variables?: Record<string, unknown>) =>
  postGraphql(api.base, { query, ...(variables ? { variables } : {}) }, { authorization: `Bearer ${token}` });
const errorOf = (res: HttpAnswer) => res.body.errors?.[0];
const hold = (token: string) =>
  gql(token, HOLD, { input: { showId: show.showId, seatIds: [seatIds[seat++]] } });
const verify = (token: string, code: string) => gql(token, VERIFY, { input: { code } });
/** The codes the log shows for an email, oldest first. */
const codesFor = (email: string) =>
  entries
    .filter((e) => e['email'] === email && typeof e['verificationCode'] === 'string')
    .map((e) => e['verificationCode'] as string);

async function signUp() {
  const email = `verify-${randomUUID()}@example.test`;
  const res = await postGraphql(api.base, {
    query: REGISTER,
    variables: { input: { email, password: 'correct horse battery', name: 'Buyer' } },
  });
  expect(res.body.data.register.user.emailVerified).toBe(false);
  return { email, token: res.body.data.register.token as string };
}

describe('with REQUIRE_VERIFIED_EMAIL', () => {
  it('refuses a hold until the email is verified with the logged code, then allows it', async () => {
    const { email, token } = await signUp();
    const refused = await hold(token);
    expect(errorOf(refused)?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'EMAIL_NOT_VERIFIED' });

    const [code] = codesFor(email);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await verify(token, code === '000000' ? '111111' : '000000');
    expect(errorOf(wrong)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.code',
      reason: 'CODE_INVALID',
    });

    expect((await verify(token, code!)).body.data.verifyEmail.emailVerified).toBe(true);
    expect(errorOf(await hold(token))).toBeUndefined();
    // Verifying again is harmless (a retried request).
    expect((await verify(token, code!)).body.data.verifyEmail.emailVerified).toBe(true);
  });

  it('a new code once a minute; it replaces the old one; codes expire', async () => {
    const { email, token } = await signUp();
    const tooSoon = await gql(token, REQUEST);
    expect(errorOf(tooSoon)?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });

    clock.advance(60_000);
    const sent = (await gql(token, REQUEST)).body.data.requestEmailVerificationCode;
    expect(new Date(sent.resendAfter).getTime()).toBe(clock.now().getTime() + 60_000);
    expect(new Date(sent.expiresAt).getTime()).toBe(clock.now().getTime() + 15 * 60_000);
    const [first, second] = codesFor(email);
    if (first !== second)
      expect(errorOf(await verify(token, first!))?.extensions?.['reason']).toBe('CODE_INVALID');

    clock.advance(15 * 60_000);
    expect(errorOf(await verify(token, second!))?.extensions?.['reason']).toBe('CODE_EXPIRED');
    clock.advance(1_000);
    await gql(token, REQUEST);
    expect((await verify(token, codesFor(email)[2]!)).body.data.verifyEmail.emailVerified).toBe(true);
  });

  it('five wrong guesses spend a code', async () => {
    const { email, token } = await signUp();
    const [code] = codesFor(email);
    const other = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect(errorOf(await verify(token, other))?.extensions?.['reason']).toBe('CODE_INVALID');
    expect(errorOf(await verify(token, code!))?.extensions?.['reason']).toBe('CODE_EXPIRED');
    expect(errorOf(await hold(token))?.extensions?.['reason']).toBe('EMAIL_NOT_VERIFIED');
  });

  it('verification needs a signed-in user', async () => {
    const res = await postGraphql(api.base, { query: VERIFY, variables: { input: { code: '123456' } } });
    expect(errorOf(res)?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('without REQUIRE_VERIFIED_EMAIL (the default)', () => {
  it('an unverified user holds seats, and no code is issued at sign-up', async () => {
    const captured = captureLogger();
    const other = await startApiServer({}, await createHarness({ logger: captured.logger }));
    try {
      const fixture = await createShowFixture(other.h.services, { rows: 1, seatsPerRow: 2 });
      const [seatState] = await seatStates(other.h, fixture.showId);
      const customer = await other.h.customer();
      const res = await postGraphql(
        other.base,
        { query: HOLD, variables: { input: { showId: fixture.showId, seatIds: [seatState!.id] } } },
        { authorization: `Bearer ${customer.token}` },
      );
      expect(errorOf(res)).toBeUndefined();
      expect(captured.entries.some((e) => 'verificationCode' in e)).toBe(false);
    } finally {
      await other.close();
      await other.h.close();
    }
  });
});
