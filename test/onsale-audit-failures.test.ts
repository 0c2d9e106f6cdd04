import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import type { ApiServer } from './helpers/api-server.js';
import { HOUR, tag } from './helpers/catalog.js';
import { createHarness, type Harness } from './helpers/harness.js';
import {
  fingerprint,
  gql,
  HOLD,
  quickCustomers,
  scheduleNext,
  showWithWindow,
  venueScene,
  type Caller,
} from './helpers/onsale.js';

// A staff command runs in one transaction with its audit entry: when it fails, even after some of
// its writes ran (the event row before its shows, the available seat before the held one), it
// leaves no audit entry and no other change in any table.

let h: Harness;
let api: ApiServer;
let admin: Caller;
let manager: Caller;
let cityId: string;
let here: Awaited<ReturnType<typeof showWithWindow>>;
let freshShow: () => ReturnType<typeof scheduleNext>;

beforeAll(async () => {
  h = await createHarness();
  ({ api, admin, manager, cityId, here, freshShow } = await venueScene(h));
});
afterAll(async () => {
  await api.close();
  await h.close();
});

const m = (field: string, type: string) => `mutation($input: ${type}!) { ${field}(input: $input) { id } }`;

describe('a failed command leaves no audit entry and changes nothing', () => {
  type Send = () => ReturnType<typeof gql>;
  // Each case sets up its scene, then returns the failing call.
  const failures: { name: string; code: string; setup: () => Promise<Send> }[] = [
    {
      name: 'updateShow onto a time overlapping another show of the screen',
      code: 'BAD_USER_INPUT',
      setup: async () => {
        const [a, b] = [await freshShow(), await freshShow()];
        const startsAt = new Date(a.startsAt.getTime() + HOUR).toISOString();
        return () =>
          gql(api, manager, m('updateShow', 'UpdateShowInput'), { input: { showId: b.id, startsAt } });
      },
    },
    {
      name: 'scheduleShow overlapping another show of the screen',
      code: 'BAD_USER_INPUT',
      setup: async () => {
        const a = await freshShow();
        const input = {
          eventId: here.event.id,
          screenId: here.screen.id,
          startsAt: new Date(a.startsAt.getTime() + 30 * 60_000).toISOString(),
          prices: [{ section: 'Main', amount: 1000 }],
          currency: 'EUR',
        };
        return () => gql(api, manager, m('scheduleShow', 'ScheduleShowInput'), { input });
      },
    },
    {
      name: 'updateEvent to a duration that makes a show overlap the next (after the event row was written)',
      code: 'BAD_USER_INPUT',
      setup: async () => {
        await freshShow();
        await freshShow(); // the next day: a 24-hour event overlaps it
        const input = { eventId: here.event.id, title: `Never ${tag()}`, durationMinutes: 1440 };
        return () => gql(api, manager, m('updateEvent', 'UpdateEventInput'), { input });
      },
    },
    {
      name: 'blockSeats of an available and a held seat (the available one is blocked first)',
      code: 'SEATS_UNAVAILABLE',
      setup: async () => {
        const show = await freshShow();
        const seats = await h.db.sql<
          { id: string }[]
        >`select id from show_seats where show_id = ${show.id} order by id`;
        const [buyer] = await quickCustomers(h, 1);
        await gql(api, buyer!, HOLD, { input: { showId: show.id, seatIds: [seats[1]!.id] } });
        const input = { showId: show.id, seatIds: [seats[0]!.id, seats[1]!.id] };
        return () => gql(api, manager, m('blockSeats', 'BlockSeatsInput'), { input });
      },
    },
    {
      name: 'updateCity onto the name of another city',
      code: 'BAD_USER_INPUT',
      setup: async () => {
        const other = await h.services.admin.createCity(SYSTEM_ACTOR, {
          name: `Twin ${tag()}`,
          country: 'DE',
        });
        return () =>
          gql(api, admin, m('updateCity', 'UpdateCityInput'), { input: { cityId, name: other.name } });
      },
    },
    {
      name: 'grantVenueRole to an unknown email',
      code: 'NOT_FOUND',
      setup: async () => {
        const input = { email: `nobody-${tag()}@example.test`, venueId: here.venue.id, role: 'DOOR_STAFF' };
        return () => gql(api, admin, m('grantVenueRole', 'VenueRoleInput'), { input });
      },
    },
  ];

  it.each(failures)('$name', async ({ code, setup }) => {
    const send = await setup();
    const before = await fingerprint(h);
    const res = await send();
    expect(
      res.errors?.map((e) => e.extensions?.['code']),
      JSON.stringify(res),
    ).toEqual([code]);
    expect(res.data ?? null).toBeNull();
    expect(await fingerprint(h)).toEqual(before);
  });
});
