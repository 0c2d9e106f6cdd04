import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import type { ApiServer } from './helpers/api-server.js';
import { DAY, tag } from './helpers/catalog.js';
import type { Harness } from './helpers/harness.js';
import { createPaymentsHarness, type PaymentsHarness } from './helpers/payments.js';
import {
  auditRows,
  gql,
  HOLD,
  newAuditRows,
  quickCustomers,
  scheduleNext,
  showWithWindow,
  venueScene,
  type Caller,
} from './helpers/onsale.js';

// Every staff command appends exactly one audit entry: who, what, which target, venue and show,
// and before/after of what changed (onsale-audit-failures.test.ts: failed commands leave none).

let p: PaymentsHarness;
let h: Harness;
let api: ApiServer;
let admin: Caller;
let manager: Caller;
let cityId: string;
let here: Awaited<ReturnType<typeof showWithWindow>>;
let freshShow: () => ReturnType<typeof scheduleNext>;

beforeAll(async () => {
  p = await createPaymentsHarness();
  h = p.h;
  ({ api, admin, manager, cityId, here, freshShow } = await venueScene(h));
});
afterAll(async () => {
  await api.close();
  await p.close();
});

const m = (field: string, type: string) => `mutation($input: ${type}!) { ${field}(input: $input) { id } }`;

interface AuditCase {
  name: string;
  as: () => Caller;
  /** Sets the scene; `send` is the command under test. */
  prepare: (as: Caller) => Promise<{
    send: () => Promise<unknown>;
    target: string;
    venue: string | null;
    show: string | null;
    details: object;
  }>;
  action: string;
}

/** A booking of one seat of `showId` by a new customer. */
async function bookOne(showId: string, seatId: string) {
  const [buyer] = await quickCustomers(h, 1);
  const held = await gql(api, buyer!, HOLD, { input: { showId, seatIds: [seatId] } });
  const CONFIRM = `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { id status } }`;
  const input = { holdId: held.data!.holdSeats.id, paymentMethodId: 'pm_card_visa', idempotencyKey: tag() };
  return (await gql(api, buyer!, CONFIRM, { input })).data!.confirmBooking.id as string;
}
const seatsOf = async (showId: string) =>
  (await h.db.sql<{ id: string }[]>`select id from show_seats where show_id = ${showId} order by id`).map(
    (r) => r.id,
  );

const call = async (as: Caller, query: string, variables: Record<string, unknown>) => {
  const res = await gql(api, as, query, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};

const cases: AuditCase[] = [
  {
    name: 'updateCity',
    action: 'city.updated',
    as: () => admin,
    prepare: async (as) => {
      const city = await h.services.admin.createCity(SYSTEM_ACTOR, { name: `Old ${tag()}`, country: 'DE' });
      const name = `New ${tag()}`;
      const send = () => call(as, m('updateCity', 'UpdateCityInput'), { input: { cityId: city.id, name } });
      return {
        send,
        target: city.id,
        venue: null,
        show: null,
        details: { before: { name: city.name }, after: { name } },
      };
    },
  },
  {
    name: 'updateVenue',
    action: 'venue.updated',
    as: () => manager,
    prepare: async (as) => {
      const name = `Renamed ${tag()}`;
      const [before] = await h.db.sql<
        { name: string }[]
      >`select name from venues where id = ${here.venue.id}`;
      const send = () =>
        call(as, m('updateVenue', 'UpdateVenueInput'), { input: { venueId: here.venue.id, name } });
      const v = here.venue.id;
      return {
        send,
        target: v,
        venue: v,
        show: null,
        details: { before: { name: before!.name }, after: { name } },
      };
    },
  },
  {
    name: 'updateEvent',
    action: 'event.updated',
    as: () => manager,
    prepare: async (as) => {
      const input = { eventId: here.event.id, maxTicketsPerUser: 4 };
      const send = () => call(as, m('updateEvent', 'UpdateEventInput'), { input });
      const details = { before: { maxTicketsPerUser: 10 }, after: { maxTicketsPerUser: 4 } };
      // Shown at one venue only: its edits are filed under that venue.
      return { send, target: here.event.id, venue: here.venue.id, show: null, details };
    },
  },
  {
    name: 'updateShow',
    action: 'show.updated',
    as: () => manager,
    prepare: async (as) => {
      const show = await freshShow();
      const salesStartAt = new Date(show.startsAt.getTime() - 2 * DAY).toISOString();
      const send = () =>
        call(as, m('updateShow', 'UpdateShowInput'), { input: { showId: show.id, salesStartAt } });
      const details = { before: { salesStartAt: null }, after: { salesStartAt } };
      return { send, target: show.id, venue: here.venue.id, show: show.id, details };
    },
  },
  {
    name: 'setShowPrices',
    action: 'show.pricesChanged',
    as: () => manager,
    prepare: async (as) => {
      const show = await freshShow();
      const input = { showId: show.id, prices: [{ section: 'Main', amount: 1750 }] };
      const send = () => call(as, m('setShowPrices', 'SetShowPricesInput'), { input });
      const details = { before: { Main: 1000 }, after: { Main: 1750 } };
      return { send, target: show.id, venue: here.venue.id, show: show.id, details };
    },
  },
  {
    name: 'blockSeats',
    action: 'show.seatsBlocked',
    as: () => admin,
    prepare: async (as) => {
      const seatIds = here.seatIds.slice(0, 2).sort();
      const send = () =>
        call(as, m('blockSeats', 'BlockSeatsInput'), {
          input: { showId: here.show.id, seatIds, reason: 'press' },
        });
      const s = here.show.id;
      return { send, target: s, venue: here.venue.id, show: s, details: { seatIds, reason: 'press' } };
    },
  },
  {
    name: 'archiveShow',
    action: 'show.archived',
    as: () => manager,
    prepare: async (as) => {
      const show = await freshShow();
      const send = () => call(as, m('archiveShow', 'ArchiveShowInput'), { input: { showId: show.id } });
      return { send, target: show.id, venue: here.venue.id, show: show.id, details: { freedSeats: 0 } };
    },
  },
  {
    name: 'grantVenueRole',
    action: 'role.granted',
    as: () => admin,
    prepare: async (as) => {
      const [user] = await quickCustomers(h, 1);
      const email = `load-${user!.viewer!.id}@example.test`;
      const send = () =>
        call(as, m('grantVenueRole', 'VenueRoleInput'), {
          input: { email, venueId: here.venue.id, role: 'DOOR_STAFF' },
        });
      return {
        send,
        target: user!.viewer!.id,
        venue: here.venue.id,
        show: null,
        details: { email, role: 'DOOR_STAFF' },
      };
    },
  },
  {
    name: 'cancelShow with a booking and a hold',
    action: 'show.cancelled',
    as: () => manager,
    prepare: async (as) => {
      const show = await freshShow();
      const [a, b] = await seatsOf(show.id);
      await bookOne(show.id, a!);
      const [buyer] = await quickCustomers(h, 1);
      await gql(api, buyer!, HOLD, { input: { showId: show.id, seatIds: [b!] } });
      const send = () => call(as, `mutation($id: ID!) { cancelShow(showId: $id) { id } }`, { id: show.id });
      const details = { freedSeats: 2, unbookedSeats: 1 };
      return { send, target: show.id, venue: here.venue.id, show: show.id, details };
    },
  },
  {
    name: "cancelBooking by an admin (a customer's booking, refunded)",
    action: 'booking.cancelled',
    as: () => admin,
    prepare: async (as) => {
      const show = await freshShow();
      const bookingId = await bookOne(show.id, (await seatsOf(show.id))[0]!);
      const send = () => call(as, m('cancelBooking', 'CancelBookingInput'), { input: { bookingId } });
      const details = expect.objectContaining({});
      return { send, target: bookingId, venue: here.venue.id, show: show.id, details };
    },
  },
];

const AUDIT = `query { auditLog(first: 1) {
  edges { node { id action actor { id } targetId venueId showId details } } } }`;

describe('one audit entry per staff command', () => {
  it.each(cases)('$name: $action with its actor, target, venue, show and before/after', async (c) => {
    const as = c.as();
    const { send, target, venue, show, details } = await c.prepare(as);
    const before = await auditRows(h);
    await send();
    const written = await newAuditRows(h, before);
    const fields = { action: c.action, targetId: target, venueId: venue, showId: show };
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ ...fields, actorId: as.viewer!.id });
    expect(written[0]!.details).toEqual(details);
    // The same entry through the API, newest first.
    const [edge] = (await gql(api, admin, AUDIT)).data!.auditLog.edges;
    expect(edge.node).toMatchObject({ ...fields, id: written[0]!.id, actor: { id: as.viewer!.id } });
    expect(JSON.parse(edge.node.details)).toEqual(details);
  });
});
