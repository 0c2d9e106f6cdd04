import type { Db } from '../../db/client.js';
import {
  chargeLoginAttempt,
  clearLoginFailures,
  type LoginBackoff,
} from '../../db/queries/login-failures.js';
import { findUserByEmail, setPasswordHash } from '../../db/queries/users.js';
import type { UserRow } from '../../db/schema/index.js';
import { AppError, RateLimitedError } from '../../errors.js';
import type { Clock } from '../clock.js';
import { isEmail } from '../validation.js';
import type { PasswordHasher } from './passwords.js';

/** The longest password accepted at registration; longer ones never match. */
export const MAX_PASSWORD = 200;

/**
 * Per email: 5 failures are free, then each attempt waits 2 s, 4 s, 8 s, ... up to 15 minutes
 * after the previous one; a success (or a day without attempts) starts over. A guesser gets
 * about 100 guesses a day per account, from however many IPs.
 */
export const LOGIN_BACKOFF: LoginBackoff = {
  freeFailures: 5,
  firstWaitSeconds: 2,
  maxWaitSeconds: 15 * 60,
  forgetAfterSeconds: 24 * 3600,
};

class InvalidCredentialsError extends AppError {
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('Wrong email or password');
  }
}

interface Deps {
  db: Db;
  clock: Clock;
  hasher: PasswordHasher;
}

/**
 * Unknown email and wrong password fail alike, in about the same time, and are budgeted alike:
 * the attempt is charged to the email before any hash is computed.
 */
export async function login(deps: Deps, input: { email: string; password: string }): Promise<UserRow> {
  const { db, hasher } = deps;
  const email = input.email.trim().toLowerCase();
  // No account has an invalid email, so there is nothing to guess or count; skipping the lookup
  // also keeps NUL bytes out of SQL.
  if (!isEmail(email)) throw new InvalidCredentialsError();
  const waitMs = await chargeLoginAttempt(db, email, deps.clock.now(), LOGIN_BACKOFF);
  if (waitMs !== null) throw new RateLimitedError(Math.ceil(waitMs / 1000));

  const user = await findUserByEmail(db, email);
  const { password } = input;
  const fits = password.length <= MAX_PASSWORD;
  const ok = await hasher.verify(fits ? password : '', user?.passwordHash ?? (await hasher.dummyHash()));
  if (!user || !ok || !fits) throw new InvalidCredentialsError();

  await clearLoginFailures(db, email);
  // Hashes made with weaker parameters (N = 2^15 before) are upgraded while the password is at hand.
  if (hasher.needsRehash(user.passwordHash)) await setPasswordHash(db, user.id, await hasher.hash(password));
  return user;
}
