import type { Db } from '../../db/client.js';
import { deleteLoginFailuresBefore } from '../../db/queries/login-failures.js';
import { bumpTokenVersion, findUserByEmail, findUserById, insertUser } from '../../db/queries/users.js';
import type { UserRow } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../clock.js';
import { isId, parseEmail, parseText } from '../validation.js';
import { ensureAdmin } from './bootstrap-admin.js';
import { createEmailVerification } from './email-verification.js';
import { LOGIN_BACKOFF, login, MAX_PASSWORD } from './login.js';
import { createPasswordHasher } from './passwords.js';
import type { PgListener } from '../../db/listen.js';
import { createSessionStore } from './sessions.js';
import type { TokenIssuer, Viewer } from './tokens.js';

export type { BootstrapOutcome } from './bootstrap-admin.js';

export interface AuthPayload {
  token: string;
  user: UserRow;
}

export interface AuthConfig {
  /** scrypt N of new password hashes (default 2^17); only tests lower it. */
  passwordHashN?: number | undefined;
  /** REQUIRE_VERIFIED_EMAIL: a code is issued at sign-up. */
  requireVerifiedEmail?: boolean | undefined;
  /** Embedded mode: verification codes are also printed to the console. */
  printVerificationCodes?: boolean | undefined;
  /** Keys the stored verification code hashes (the JWT secret). */
  secret: string;
}

const MIN_PASSWORD = 8;
const TAKEN_EMAIL = 'Cannot register with this email address; if it is yours, sign in';

interface Deps {
  db: Db;
  clock: Clock;
  logger: Logger;
  tokens: TokenIssuer;
  config: AuthConfig;
}

export function createAuthService({ db, clock, logger, tokens, config }: Deps) {
  const hasher = createPasswordHasher(config.passwordHashN ? { N: config.passwordHashN } : {});
  const sessions = createSessionStore(db);
  const verification = createEmailVerification({
    db,
    clock,
    logger,
    sessions,
    secret: config.secret,
    printToConsole: config.printVerificationCodes ?? false,
  });
  const issue = async (user: UserRow): Promise<AuthPayload> => ({ token: await tokens.sign(user), user });

  /** The token's claims and the viewer they stand for now; null when absent, invalid or revoked. */
  const authenticateSession = async (authorization: unknown) => {
    if (typeof authorization !== 'string') return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const claims = match?.[1] ? await tokens.verify(match[1]) : null;
    const viewer = claims ? await sessions.viewerOf(claims) : null;
    return viewer && claims ? { viewer, expiresAtMs: claims.expiresAtMs } : null;
  };

  return {
    /** Keeps this process's session cache in step with the database's user changes (see sessions.ts). */
    watchSessions: (listener: PgListener) => sessions.watch(listener),

    async register(input: { email: string; password: string; name: string }): Promise<AuthPayload> {
      const email = parseEmail(input.email, 'input.email');
      const name = parseText(input.name, 'input.name', { max: 100 });
      const password = parsePassword(input.password);
      // Hashed before the insert either way, so a taken email answers in the same time as a new one.
      const user = await insertUser(db, { email, name, passwordHash: await hasher.hash(password) });
      // Worded so as not to confirm an account; the refusal itself still tells (see README).
      if (!user) throw new ValidationError(TAKEN_EMAIL, 'input.email');
      if (config.requireVerifiedEmail) {
        // The account exists now: a failed delivery must not fail the sign-up (a new code can be asked for).
        await verification
          .issue(user)
          .catch((err: unknown) => logger.error({ err, userId: user.id }, 'verification code not issued'));
      }
      return issue(user);
    },

    async login(input: { email: string; password: string }): Promise<AuthPayload> {
      return issue(await login({ db, clock, hasher }, input));
    },

    authenticateSession,

    /** The viewer from an `Authorization` value ("Bearer <jwt>"); null when absent, invalid or revoked. */
    async authenticate(authorization: unknown): Promise<Viewer | null> {
      return (await authenticateSession(authorization))?.viewer ?? null;
    },

    findUser: (id: string) => findUserById(db, id),

    /** The signed-in user, or null (no viewer, or the account no longer exists). */
    async currentUser(viewer: Viewer | null): Promise<UserRow | null> {
      if (!viewer || !isId(viewer.id)) return null;
      return (await findUserById(db, viewer.id)) ?? null;
    },

    hasAccount: async (email: string) => (await findUserByEmail(db, parseEmail(email))) !== undefined,

    /** Whether an account has this email and this password (start-up checks on the demo accounts). */
    async hasPassword(email: string, password: string): Promise<boolean> {
      const user = await findUserByEmail(db, parseEmail(email));
      return user !== undefined && (await hasher.verify(password, user.passwordHash));
    },

    /** The bootstrap admin: created, or the existing account made ADMIN with this password (see BootstrapOutcome). */
    ensureAdmin: (email: string, password: string) =>
      ensureAdmin({ db, clock, hasher, sessions }, email, password),

    /** Ends every session of the user: each token it holds stops working (within 1 s in other processes). */
    async revokeSessions(userId: string): Promise<void> {
      await bumpTokenVersion(db, userId);
      sessions.forget(userId);
    },

    verifyEmail: (viewer: Viewer, code: string) => verification.verify(viewer, code),
    requestEmailVerificationCode: (viewer: Viewer) => verification.request(viewer),

    /** Forgets failed-login counts nobody has added to for a day (the worker's cleanup). */
    cleanLoginFailures: (limit: number) =>
      deleteLoginFailuresBefore(
        db,
        new Date(clock.now().getTime() - LOGIN_BACKOFF.forgetAfterSeconds * 1000),
        limit,
      ),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

function parsePassword(password: string): string {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    throw new ValidationError(
      `password must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`,
      'input.password',
    );
  }
  return password;
}
