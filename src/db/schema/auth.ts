import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './users.js';

/**
 * Failed sign-ins per normalised email, whether or not an account has it (so the budget tells
 * nothing about which emails exist). A success deletes the row; the worker forgets old ones.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    email: text().primaryKey(),
    /** Attempts since the last success, counted when they start (before the hash). */
    failures: integer().notNull(),
    lastAttemptAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('login_failures_failures_check', sql`${t.failures} > 0`)],
);

/** The one pending email verification code of a user: stored as a keyed hash, never in clear. */
export const emailVerificationCodes = pgTable('email_verification_codes', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  codeHash: text().notNull(),
  sentAt: timestamp({ withTimezone: true }).notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  /** Guesses at this code, counted before each is compared; at the limit the code is spent. */
  guesses: integer().notNull().default(0),
});

export type LoginFailureRow = typeof loginFailures.$inferSelect;
export type EmailVerificationCodeRow = typeof emailVerificationCodes.$inferSelect;
