import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['CUSTOMER', 'ADMIN']);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    /** scrypt, self-describing: `scrypt$N$r$p$salt$hash` (base64). */
    passwordHash: text().notNull(),
    role: roleEnum().notNull().default('CUSTOMER'),
    /**
     * Carried in every token (`ver`); a token of another version is void. Bumped to revoke all of
     * the user's sessions (a reset bootstrap admin, later logout).
     */
    tokenVersion: integer().notNull().default(0),
    /** Set once the user proves the address (verifyEmail); never cleared. */
    emailVerifiedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Emails are compared case-insensitively; the app stores them lower-cased, the index enforces it.
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    check('users_email_check', sql`position('@' in ${t.email}) > 1`),
  ],
);

/**
 * One row per (user, key): the first answer of an idempotent mutation, written in the same
 * transaction as its effect. `requestHash` detects the same key reused with other input.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    operation: text().notNull(),
    requestHash: text().notNull(),
    /** The first answer; written in the same transaction that claimed the key. */
    response: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_at_idx').on(t.createdAt)],
);

export type UserRow = typeof users.$inferSelect;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
