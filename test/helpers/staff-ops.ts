import { SYSTEM_ACTOR } from '../../src/domain/access/authorize.js';
import { DAY, tag } from './catalog.js';
import type { Harness } from './harness.js';
import { HOLD, nextShowStart, scheduleNext, showWithWindow } from './onsale.js';
import { createCustomers } from './users.js';

/** The callers of the role table. */
export type RoleName = 'anonymous' | 'customer' | 'admin' | 'managerHere' | 'managerElsewhere' | 'doorHere';
export const ROLES: RoleName[] = [
  'anonymous',
  'customer',
  'admin',
  'managerHere',
  'managerElsewhere',
  'doorHere',
];

/** One staff operation of the role table: who may call it and what it writes to the audit log. */
export interface StaffOp {
  field: string;
  query: string;
  /** Everyone else gets FORBIDDEN (UNAUTHENTICATED when anonymous). */
  allowed: RoleName[];
  /** The one audit entry a successful call appends; null for reads. */
  action: string | null;
  /** Fresh variables that would succeed for an allowed caller. */
  variables(): Promise<Record<string, unknown>>;
}

export interface StaffWorld {
  h: Harness;
  cityId: string;
  /** "Here": the venue whose staff the table tests. */
  here: Awaited<ReturnType<typeof showWithWindow>>;
  elsewhere: Awaited<ReturnType<typeof showWithWindow>>;
}

const MANAGERS: RoleName[] = ['admin', 'managerHere'];

/** A fresh show on the screen of the venue "here", a day after the previous one. */
export const showHere = (w: StaffWorld, eventId?: string) => scheduleNext(w.h.services, w.here, eventId);

const firstSeat = async (w: StaffWorld, showId: string) => {
  const [row] = await w.h.db.sql<{ id: string }[]>`
    select id from show_seats where show_id = ${showId} order by id limit 1`;
  return row!.id;
};

/** A confirmed booking's ticket code, for a show at the venue "here". */
async function ticketHere(w: StaffWorld): Promise<{ code: string; showId: string }> {
  const show = await showHere(w);
  const [buyer] = await createCustomers(w.h, 1);
  const held = await w.h.exec<any>(
    HOLD,
    { input: { showId: show.id, seatIds: [await firstSeat(w, show.id)] } },
    buyer,
  );
  const booked = await w.h.exec<any>(
    `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { ticket { code } } }`,
    { input: { holdId: held.data.holdSeats.id, paymentMethodId: 'pm_card_visa', idempotencyKey: tag() } },
    buyer,
  );
  if (!booked.data?.confirmBooking?.ticket) throw new Error(`no ticket: ${JSON.stringify(booked)}`);
  return { code: booked.data.confirmBooking.ticket.code, showId: show.id };
}

type ShowRow = Awaited<ReturnType<typeof showHere>>;
const inputType = (field: string) => `${field[0]!.toUpperCase()}${field.slice(1)}Input`;

/** Every staff operation of the contract, with who may call it at the venue "here". */
export function staffOps(w: StaffWorld): StaffOp[] {
  const { services } = w.h;
  const venueId = w.here.venue.id;
  const op = (
    field: string,
    allowed: RoleName[],
    action: string | null,
    variables: StaffOp['variables'],
    query = `mutation($input: ${inputType(field)}!) { ${field}(input: $input) { id } }`,
  ): StaffOp => ({ field, query, allowed, action, variables });
  /** An operation on a fresh show at the venue "here". */
  const onShow = (field: string, action: string, input: (show: ShowRow) => Promise<object> | object) =>
    op(field, MANAGERS, action, async () => {
      const show = await showHere(w);
      return { input: { showId: show.id, ...(await input(show)) } };
    });
  const newEventHere = async () => {
    const event = await services.admin.createEvent(SYSTEM_ACTOR, {
      kind: 'THEATRE',
      title: `Play ${tag()}`,
      durationMinutes: 100,
    });
    await showHere(w, event.id);
    return event.id;
  };
  // Accounts inserted directly (createCustomers) have this email.
  const newEmail = async () => `load-${(await createCustomers(w.h, 1))[0]!.id}@example.test`;
  const doorKeeper = async () => {
    const email = await newEmail();
    await services.staff.grantVenueRole(SYSTEM_ACTOR, { email, venueId, role: 'DOOR_STAFF' });
    return email;
  };
  const newCity = () => services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' });
  const VENUE_ROLE = `mutation($input: VenueRoleInput!) { %s(input: $input) { id } }`;
  return [
    op('createCity', ['admin'], 'city.created', async () => ({
      input: { name: `City ${tag()}`, country: 'DE' },
    })),
    op('updateCity', ['admin'], 'city.updated', async () => ({
      input: { cityId: (await newCity()).id, name: `Renamed ${tag()}` },
    })),
    op('createVenue', ['admin'], 'venue.created', async () => ({
      input: { cityId: w.cityId, name: `Venue ${tag()}` },
    })),
    op('updateVenue', MANAGERS, 'venue.updated', async () => ({
      input: { venueId, name: `Venue ${tag()}` },
    })),
    op('createScreen', MANAGERS, 'screen.created', async () => ({
      input: {
        venueId,
        name: `Screen ${tag()}`,
        layout: { sections: [{ name: 'All', rows: [{ label: 'A', seats: 3 }] }] },
      },
    })),
    // Any venue manager: the event is for shows they will schedule at their venues.
    op('createEvent', ['admin', 'managerHere', 'managerElsewhere'], 'event.created', async () => ({
      input: { kind: 'CONCERT', title: `Gig ${tag()}`, durationMinutes: 90 },
    })),
    op('updateEvent', MANAGERS, 'event.updated', async () => ({
      input: { eventId: await newEventHere(), title: `Retitled ${tag()}` },
    })),
    op('archiveEvent', MANAGERS, 'event.archived', async () => ({
      input: { eventId: await newEventHere() },
    })),
    op('scheduleShow', MANAGERS, 'show.scheduled', async () => ({
      input: {
        eventId: w.here.event.id,
        screenId: w.here.screen.id,
        startsAt: nextShowStart().toISOString(),
        prices: [{ section: 'Main', amount: 1200 }],
        currency: 'EUR',
      },
    })),
    onShow('updateShow', 'show.updated', (show) => ({
      salesEndAt: new Date(show.startsAt.getTime() - DAY).toISOString(),
    })),
    onShow('setShowPrices', 'show.pricesChanged', () => ({ prices: [{ section: 'Main', amount: 1750 }] })),
    onShow('blockSeats', 'show.seatsBlocked', async (show) => ({
      seatIds: [await firstSeat(w, show.id)],
      reason: 'house seats',
    })),
    onShow('unblockSeats', 'show.seatsUnblocked', async (show) => {
      const seatIds = [await firstSeat(w, show.id)];
      await services.admin.blockSeats(SYSTEM_ACTOR, { showId: show.id, seatIds });
      return { seatIds };
    }),
    onShow('archiveShow', 'show.archived', () => ({})),
    op(
      'cancelShow',
      MANAGERS,
      'show.cancelled',
      async () => ({ showId: (await showHere(w)).id }),
      `mutation($showId: ID!) { cancelShow(showId: $showId) { id } }`,
    ),
    {
      ...onShow('setCancellationPolicy', 'show.cancellationPolicyChanged', () => ({
        tiers: [{ hoursBefore: 48, refundPercent: 80 }],
      })),
      query: `mutation($input: SetCancellationPolicyInput!) { setCancellationPolicy(input: $input) { tiers { hoursBefore } } }`,
    },
    op(
      'checkIn',
      ['admin', 'managerHere', 'doorHere'],
      'ticket.checkedIn',
      () => ticketHere(w),
      `mutation($code: String!, $showId: ID) { checkIn(code: $code, showId: $showId) { id checkedInAt } }`,
    ),
    op(
      'grantVenueRole',
      ['admin'],
      'role.granted',
      async () => ({ input: { email: await newEmail(), venueId, role: 'DOOR_STAFF' } }),
      VENUE_ROLE.replace('%s', 'grantVenueRole'),
    ),
    op(
      'revokeVenueRole',
      ['admin'],
      'role.revoked',
      async () => ({ input: { email: await doorKeeper(), venueId, role: 'DOOR_STAFF' } }),
      VENUE_ROLE.replace('%s', 'revokeVenueRole'),
    ),
    op(
      'auditLog',
      MANAGERS,
      null,
      async () => ({ filter: { venueId } }),
      `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 5) { edges { node { id action } } } }`,
    ),
  ];
}
