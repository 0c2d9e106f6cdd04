import type { VenueRoleRow } from '../../db/schema/index.js';

export type VenueRole = VenueRoleRow['role'];

/**
 * Every staff action and the venue roles that may take it at their venue. Admins may take every
 * action everywhere; an action listed with no roles is for admins only. This table is the whole
 * permission model: domain commands ask `assertCan` about one of these, never about roles.
 */
export const PERMISSIONS = {
  'city.create': [],
  'city.update': [],
  'venue.create': [],
  'staff.grant': [],
  'venue.update': ['VENUE_MANAGER'],
  'screen.create': ['VENUE_MANAGER'],
  /** A venue manager creates events for their venues (scope: any venue they manage). */
  'event.create': ['VENUE_MANAGER'],
  /** Scope: every venue the event is shown at. */
  'event.update': ['VENUE_MANAGER'],
  'event.archive': ['VENUE_MANAGER'],
  'show.schedule': ['VENUE_MANAGER'],
  'show.update': ['VENUE_MANAGER'],
  'show.setPrices': ['VENUE_MANAGER'],
  'show.blockSeats': ['VENUE_MANAGER'],
  'show.archive': ['VENUE_MANAGER'],
  'show.cancel': ['VENUE_MANAGER'],
  'show.setCancellationPolicy': ['VENUE_MANAGER'],
  'audit.read': ['VENUE_MANAGER'],
  'ticket.checkIn': ['VENUE_MANAGER', 'DOOR_STAFF'],
} as const satisfies Record<string, readonly VenueRole[]>;

export type Action = keyof typeof PERMISSIONS;

/** Whether holding `role` at a venue allows `action` there. */
export const roleAllows = (role: VenueRole, action: Action): boolean =>
  (PERMISSIONS[action] as readonly VenueRole[]).includes(role);
