import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.js';
import {
  chargeVerificationGuess,
  deleteVerificationCode,
  findVerificationCode,
  replaceVerificationCode,
} from '../../db/queries/email-verification-codes.js';
import { findUserById, markEmailVerified } from '../../db/queries/users.js';
import type { UserRow } from '../../db/schema/index.js';
import { RateLimitedError, UnauthenticatedError, ValidationError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../clock.js';
import { inTransaction } from '../tx.js';
import type { SessionStore } from './sessions.js';
import type { Viewer } from './tokens.js';

const CODE_DIGITS = 6;
/** How long a code works. */
export const CODE_TTL_MS = 15 * 60_000;
/** A new code at most this often per user: each one is delivered (logged now, mailed later). */
export const RESEND_AFTER_MS = 60_000;
/** Guesses per code: with 6 digits a guesser has 1 chance in 200,000 per code, and one code a minute. */
const MAX_GUESSES = 5;

export interface CodeSent {
  expiresAt: Date;
  resendAfter: Date;
}

interface Deps {
  db: Db;
  clock: Clock;
  logger: Logger;
  sessions: SessionStore;
  /** Keys the stored code hashes, so a copy of the table does not give the codes away. */
  secret: string;
  /** Embedded mode: codes are also printed to the console, where the newcomer looks. */
  printToConsole: boolean;
}

/**
 * Proof that a user reads their email: a 6-digit code per account, stored as a keyed hash,
 * expiring, with a few guesses. There is no mail yet: the code is written to the log.
 */
export function createEmailVerification(deps: Deps) {
  const { db, clock } = deps;
  const key = createHmac('sha256', deps.secret).update('boxoffice/email-code-key/v1').digest();
  const hashOf = (userId: string, code: string) =>
    createHmac('sha256', key).update(`${userId}:${code}`).digest();

  const deliver = (user: UserRow, code: string, expiresAt: Date) => {
    // Until notifications exist this log line is the delivery; it is the only place the code is in clear.
    deps.logger.info(
      { userId: user.id, email: user.email, verificationCode: code, expiresAt },
      'email verification code (no mail is sent yet)',
    );
    if (deps.printToConsole) {
      process.stdout.write(
        `Email verification code for ${user.email}: ${code} (valid until ${expiresAt.toISOString()})\n`,
      );
    }
  };

  /** A new code for the user, replacing the pending one; RATE_LIMITED within a minute of the last. */
  const issue = async (user: UserRow): Promise<CodeSent> => {
    const now = clock.now();
    const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    const stored = await replaceVerificationCode(
      db,
      { userId: user.id, codeHash: hashOf(user.id, code).toString('base64url'), sentAt: now, expiresAt },
      new Date(now.getTime() - RESEND_AFTER_MS),
    );
    if (!stored) {
      const pending = await findVerificationCode(db, user.id);
      const waitMs = (pending?.sentAt.getTime() ?? now.getTime()) + RESEND_AFTER_MS - now.getTime();
      throw new RateLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
    }
    deliver(user, code, expiresAt);
    return { expiresAt, resendAfter: new Date(now.getTime() + RESEND_AFTER_MS) };
  };

  const signedInUser = async (viewer: Viewer): Promise<UserRow> => {
    const user = await findUserById(db, viewer.id);
    if (!user) throw new UnauthenticatedError('This account no longer exists');
    return user;
  };

  return {
    issue,

    /** requestEmailVerificationCode. */
    async request(viewer: Viewer): Promise<CodeSent> {
      const user = await signedInUser(viewer);
      if (user.emailVerifiedAt) {
        throw new ValidationError('Your email address is verified already', undefined, {
          reason: 'EMAIL_ALREADY_VERIFIED',
        });
      }
      return issue(user);
    },

    /** verifyEmail: the user with `emailVerifiedAt` set. Verifying a verified email again is a no-op. */
    async verify(viewer: Viewer, codeRaw: string): Promise<UserRow> {
      const user = await signedInUser(viewer);
      if (user.emailVerifiedAt) return user;
      const code = codeRaw.trim();
      if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(code)) {
        throw new ValidationError(`The code is the ${CODE_DIGITS} digits you were sent`, 'input.code', {
          reason: 'CODE_INVALID',
        });
      }
      const now = clock.now();
      const pending = await chargeVerificationGuess(db, user.id, now, MAX_GUESSES);
      if (!pending) {
        throw new ValidationError(
          'This code has expired or had too many wrong guesses: ask for a new one (requestEmailVerificationCode)',
          'input.code',
          { reason: 'CODE_EXPIRED' },
        );
      }
      if (!timingSafeEqual(Buffer.from(pending.codeHash, 'base64url'), hashOf(user.id, code))) {
        throw new ValidationError('Wrong code', 'input.code', {
          reason: 'CODE_INVALID',
          guessesLeft: MAX_GUESSES - pending.guesses,
        });
      }
      const verified = await inTransaction(db, async (tx) => {
        const row = await markEmailVerified(tx, user.id, now);
        await deleteVerificationCode(tx, user.id);
        return row;
      });
      deps.sessions.forget(user.id);
      return verified ?? user;
    },
  };
}
export type EmailVerification = ReturnType<typeof createEmailVerification>;
