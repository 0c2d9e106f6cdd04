import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { venues } from './catalog.js';
import { users } from './users.js';

/** Roles held per venue (the global role, CUSTOMER or ADMIN, is `users.role`). */
export const venueRoleEnum = pgEnum('venue_role', ['VENUE_MANAGER', 'DOOR_STAFF']);

/** Who works where: granted and revoked by admins. */
export const venueRoles = pgTable(
  'venue_roles',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    venueId: uuid()
      .notNull()
      .references(() => venues.id),
    role: venueRoleEnum().notNull(),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    grantedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.venueId, t.role] }), index('venue_roles_venue_idx').on(t.venueId)],
);

/**
 * Every staff action, appended in the transaction of the change it describes and never changed
 * or deleted (a trigger refuses UPDATE and DELETE; the worker never prunes it). `venueId` and
 * `showId` scope it for venue managers' reads; `details` holds before/after.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * Null: the system (demo seed, scripts). No foreign key: the log outlives accounts, and a
     * cascading update would be refused by the immutability trigger anyway.
     */
    actorId: uuid(),
    /** Dotted, past tense: `show.updated`, `seats.blocked`, `role.granted`, ... */
    action: text().notNull(),
    targetId: uuid(),
    venueId: uuid(),
    showId: uuid(),
    details: jsonb()
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    // Read newest first, (at, id) being the keyset.
    index('audit_log_at_idx').on(t.at, t.id),
    index('audit_log_venue_idx').on(t.venueId, t.at, t.id),
    index('audit_log_show_idx').on(t.showId, t.at, t.id),
    index('audit_log_actor_idx').on(t.actorId, t.at, t.id),
  ],
);

export type VenueRoleRow = typeof venueRoles.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
