import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import type { ApiServer } from './helpers/api-server.js';
import { DAY, tag } from './helpers/catalog.js';
import type { Harness } from './helpers/harness.js';
import { createPaymentsHarness, type PaymentsHarness } from './helpers/payments.js';
import {
  anonymous,
  auditRows,
  fingerprint,
  gql,
  HOLD,
  newAuditRows,
  quickCustomers,
  scheduleNext,
  showWithWindow,
  venueScene,
  type Caller,
} from './helpers/onsale.js';
import { seatChangeLog, seatStates } from './helpers/seats.js';

// Archiving takes an event or a show out of the catalog and off sale, releasing its holds; one
// with live bookings is refused (cancel it instead) and nothing changes.

let p: PaymentsHarness;
let h: Harness;
let api: ApiServer;
let admin: Caller;
let buyers: Caller[];
let next = 0;

beforeAll(async () => {
  p = await createPaymentsHarness();
  h = p.h;
  ({ api, admin } = await venueScene(h));
  buyers = await quickCustomers(h, 20);
});
afterAll(async () => {
  await api.close();
  await p.close();
});

const ARCHIVE_EVENT = `mutation($input: ArchiveEventInput!) { archiveEvent(input: $input) { id archivedAt } }`;
const ARCHIVE_SHOW = `mutation($input: ArchiveShowInput!) { archiveShow(input: $input) { id archivedAt onSale } }`;
const CATALOG = `query($city: ID!, $event: ID!, $search: String!, $show: ID!) {
  all: events(filter: { search: $search }) { edges { node { id } } }
  inCity: events(filter: { cityId: $city }) { edges { node { id } } }
  shows: shows(filter: { cityId: $city }) { edges { node { id } } }
  ofEvent: shows(filter: { eventId: $event }) { edges { node { id } } }
  event(id: $event) { id archivedAt }
  show(id: $show) { id archivedAt onSale }
}`;
const ids = (conn: { edges: { node: { id: string } }[] }) => conn.edges.map((e) => e.node.id);

/** An event with two shows in a city of its own; the first show has a running hold. */
async function scene() {
  const cityId = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `Town ${tag()}`, country: 'DE' }))
    .id;
  const s = await showWithWindow(h.services, { cityId, startsAt: new Date(Date.now() + 2 * DAY) });
  const second = await scheduleNext(h.services, s);
  const buyer = buyers[next++]!;
  const held = await gql(api, buyer, HOLD, { input: { showId: s.show.id, seatIds: s.seatIds.slice(0, 2) } });
  expect(held.errors).toBeUndefined();
  const catalog = async () =>
    (
      await gql(api, anonymous, CATALOG, {
        city: cityId,
        event: s.event.id,
        search: s.event.title,
        show: s.show.id,
      })
    ).data!;
  return { ...s, cityId, second, buyer, holdId: held.data!.holdSeats.id as string, catalog };
}

async function expectReleased(s: Awaited<ReturnType<typeof scene>>) {
  const [hold] = await h.db.sql<{ status: string }[]>`select status from holds where id = ${s.holdId}`;
  expect(hold!.status).toBe('RELEASED');
  expect((await seatStates(h, s.show.id)).every((x) => x.status === 'AVAILABLE')).toBe(true);
  const last = (await seatChangeLog(h, s.show.id)).at(-1)!;
  expect(last.cause).toBe('ARCHIVE');
  expect(last.seats.map((x) => x.status)).toEqual(['AVAILABLE', 'AVAILABLE']);
  const retry = await gql(api, buyers[next++]!, HOLD, {
    input: { showId: s.show.id, seatIds: [s.seatIds[0]!] },
  });
  expect(retry.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ON_SALE', reason: 'ARCHIVED' });
}

describe('archiveEvent', () => {
  it('hides the event and its shows from the lists, stops their sales and releases their holds', async () => {
    const s = await scene();
    const before = await s.catalog();
    expect(ids(before.all)).toEqual([s.event.id]);
    expect(ids(before.inCity)).toEqual([s.event.id]);
    expect(ids(before.ofEvent)).toEqual([s.show.id, s.second.id]);

    const res = await gql(api, admin, ARCHIVE_EVENT, { input: { eventId: s.event.id } });
    expect(res.errors).toBeUndefined();
    const after = await s.catalog();
    expect(ids(after.all)).toEqual([]);
    expect(ids(after.inCity)).toEqual([]);
    expect(ids(after.shows)).toEqual([]);
    expect(ids(after.ofEvent)).toEqual([]);
    // Still readable by id, marked archived.
    expect(after.event.archivedAt).toEqual(res.data!.archiveEvent.archivedAt);
    expect(after.show).toMatchObject({ onSale: false, archivedAt: expect.any(String) });
    await expectReleased(s);

    // No new show for an archived event.
    const scheduled = await gql(
      api,
      admin,
      `mutation($input: ScheduleShowInput!) { scheduleShow(input: $input) { id } }`,
      {
        input: {
          eventId: s.event.id,
          screenId: s.screen.id,
          startsAt: new Date(Date.now() + 200 * DAY).toISOString(),
          prices: [{ section: 'Main', amount: 1000 }],
          currency: 'EUR',
        },
      },
    );
    expect(scheduled.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});

describe('archiveShow', () => {
  it('hides the show and stops its sales; the event stays listed with its other show', async () => {
    const s = await scene();
    const res = await gql(api, admin, ARCHIVE_SHOW, { input: { showId: s.show.id } });
    expect(res.data!.archiveShow).toMatchObject({ onSale: false, archivedAt: expect.any(String) });
    const after = await s.catalog();
    expect(ids(after.ofEvent)).toEqual([s.second.id]);
    expect(ids(after.shows)).toEqual([s.second.id]);
    expect(ids(after.all)).toEqual([s.event.id]);
    expect(ids(after.inCity)).toEqual([s.event.id]);
    await expectReleased(s);
  });

  it('events(filter: {cityId}) drops an event whose only show in the city is archived', async () => {
    const cityId = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `Town ${tag()}`, country: 'DE' }))
      .id;
    const s = await showWithWindow(h.services, { cityId, startsAt: new Date(Date.now() + 2 * DAY) });
    await gql(api, admin, ARCHIVE_SHOW, { input: { showId: s.show.id } });
    const res = await gql(
      api,
      anonymous,
      `query($c: ID!) { events(filter: { cityId: $c }) { edges { node { id } } } }`,
      {
        c: cityId,
      },
    );
    expect(ids(res.data!.events)).toEqual([]);
  });

  it('archiving twice returns the archived show and writes one audit entry', async () => {
    const s = await scene();
    const audit = await auditRows(h);
    const first = await gql(api, admin, ARCHIVE_SHOW, { input: { showId: s.show.id } });
    const again = await gql(api, admin, ARCHIVE_SHOW, { input: { showId: s.show.id } });
    expect(again.data!.archiveShow).toEqual(first.data!.archiveShow);
    expect((await newAuditRows(h, audit)).map((r) => r.action)).toEqual(['show.archived']);
  });
});

describe('archiving with live bookings', () => {
  async function bookedScene(paymentMethodId: string) {
    const s = await scene();
    const buyer = buyers[next++]!;
    const held = await gql(api, buyer, HOLD, { input: { showId: s.show.id, seatIds: [s.seatIds[5]!] } });
    const CONFIRM = `mutation($input: ConfirmBookingInput!) { confirmBooking(input: $input) { status } }`;
    const input = { holdId: held.data!.holdSeats.id, paymentMethodId, idempotencyKey: tag() };
    return { s, booking: (await gql(api, buyer, CONFIRM, { input })).data!.confirmBooking };
  }

  it.each([
    ['a confirmed booking', 'pm_card_visa', 'CONFIRMED'],
    ['a booking waiting for 3-D Secure', 'pm_card_authenticationRequired', 'PENDING_PAYMENT'],
  ])(
    '%s: BAD_USER_INPUT (HAS_BOOKINGS) for the show and its event, nothing changes',
    async (_n, pm, status) => {
      const { s, booking } = await bookedScene(pm);
      expect(booking.status).toBe(status);
      const before = await fingerprint(h);
      const show = await gql(api, admin, ARCHIVE_SHOW, { input: { showId: s.show.id } });
      expect(show.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HAS_BOOKINGS' });
      const event = await gql(api, admin, ARCHIVE_EVENT, { input: { eventId: s.event.id } });
      expect(event.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HAS_BOOKINGS' });
      expect(await fingerprint(h)).toEqual(before);
      expect(ids((await s.catalog()).ofEvent)).toEqual([s.show.id, s.second.id]);
    },
  );

  it('a cancelled show (bookings refunded) can then be archived', async () => {
    const { s } = await bookedScene('pm_card_visa');
    const cancelled = await gql(api, admin, `mutation($id: ID!) { cancelShow(showId: $id) { status } }`, {
      id: s.show.id,
    });
    expect(cancelled.data!.cancelShow.status).toBe('CANCELLED');
    const res = await gql(api, admin, ARCHIVE_SHOW, { input: { showId: s.show.id } });
    expect(res.errors).toBeUndefined();
  });
});
