import { SYSTEM_ACTOR } from '../domain/access/authorize.js';
import type { VenueRole } from '../domain/access/permissions.js';
import type { AppServices } from '../domain/services.js';
import { ValidationError } from '../errors.js';
import { DEMO_CITIES } from '../db/seed-catalog.js';
import type { Credentials } from './accounts.js';

/** Local-only demo staff of the embedded mode, at the demo's first venue; documented in README.md. */
export const DEMO_STAFF = [
  {
    email: 'manager@boxoffice.local',
    password: 'boxoffice-manager',
    name: 'Demo Venue Manager',
    role: 'VENUE_MANAGER',
  },
  { email: 'door@boxoffice.local', password: 'boxoffice-door', name: 'Demo Door Staff', role: 'DOOR_STAFF' },
] as const satisfies readonly (Credentials & { name: string; role: VenueRole })[];

/** The venue the demo staff work at: the first venue of the demo catalog. */
export const DEMO_STAFF_VENUE = DEMO_CITIES[0]!.venues[0]!.name;

/**
 * The demo's venue manager and door staff: accounts created once, roles granted at the demo's
 * first venue (granting again changes nothing). Nothing happens when that venue does not exist
 * (a catalog that is not the demo's).
 */
export async function ensureDemoStaff(
  services: Pick<AppServices, 'auth' | 'staff' | 'catalog'>,
): Promise<{ venue: string; staff: (Credentials & { role: VenueRole })[] } | undefined> {
  const venues = await services.catalog.venues({ first: 100 });
  const venue = venues.edges.find((e) => e.node.name === DEMO_STAFF_VENUE)?.node;
  if (!venue) return undefined;
  for (const person of DEMO_STAFF) {
    // Looked up first: a restart then computes no password hash.
    if (!(await services.auth.hasAccount(person.email))) {
      await services.auth.register(person).catch((err: unknown) => {
        // The input is fixed and valid, so a validation error can only mean the account exists.
        if (!(err instanceof ValidationError)) throw err;
      });
    }
    await services.staff.grantVenueRole(SYSTEM_ACTOR, {
      email: person.email,
      venueId: venue.id,
      role: person.role,
    });
  }
  return {
    venue: venue.name,
    staff: DEMO_STAFF.map(({ email, password, role }) => ({ email, password, role })),
  };
}
