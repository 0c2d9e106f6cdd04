import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { DAY, tag } from './helpers/catalog.js';
import { createHarness, type Harness } from './helpers/harness.js';
import {
  adminCaller,
  anonymous,
  auditRows,
  customerCaller,
  gql,
  showWithWindow,
  venueStaffCaller,
  type Caller,
} from './helpers/onsale.js';

// Reading the audit log: permanent rows, newest first in Relay pages, and a venue manager's view
// limited to their venues.

let h: Harness;
let api: ApiServer;
let admin: Caller;
let cityId: string;
type World = Awaited<ReturnType<typeof showWithWindow>>;
let here: World;
let elsewhere: World;

beforeAll(async () => {
  h = await createHarness();
  api = await startApiServer({ showCacheMaxAgeMs: 0 }, h);
  cityId = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' })).id;
  here = await showWithWindow(h.services, { cityId, startsAt: new Date(Date.now() + 2 * DAY) });
  elsewhere = await showWithWindow(h.services, { cityId, startsAt: new Date(Date.now() + 2 * DAY) });
  admin = await adminCaller(h);
});
afterAll(async () => {
  await api.close();
  await h.close();
});

const AUDIT = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id action actor { id } venueId showId details } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const read = (as: Caller, variables: Record<string, unknown> = {}) => gql(api, as, AUDIT, variables);
const UPDATE_VENUE = `mutation($input: UpdateVenueInput!) { updateVenue(input: $input) { id } }`;
const rename = async (as: Caller, venueId: string, name: string) => {
  const res = await gql(api, as, UPDATE_VENUE, { input: { venueId, name } });
  expect(res.errors).toBeUndefined();
};

describe('entries are permanent', () => {
  it.each([
    ['UPDATE', `update audit_log set action = 'forged'`],
    ['DELETE', `delete from audit_log`],
    ['TRUNCATE', `truncate audit_log`],
  ])('%s is refused by the database, whoever asks', async (_verb, statement) => {
    const before = await auditRows(h);
    expect(before.length).toBeGreaterThan(0);
    await expect(h.db.sql.unsafe(statement)).rejects.toMatchObject({
      code: 'BXAUD',
      message: 'audit_log entries cannot be changed or deleted',
    });
    expect(await auditRows(h)).toEqual(before);
  });

  it('entries of the system (seed, scripts) name no actor', async () => {
    const res = await read(admin, { filter: { venueId: here.venue.id }, first: 100 });
    const scheduled = res.data!.auditLog.edges.find(
      (e: { node: { action: string; showId: string } }) =>
        e.node.action === 'show.scheduled' && e.node.showId === here.show.id,
    );
    expect(scheduled.node.actor).toBeNull();
  });
});

describe('auditLog pages', () => {
  it('pages newest first with first/after, without gaps or repeats', async () => {
    const { venue } = await showWithWindow(h.services, { cityId, startsAt: new Date(Date.now() + 2 * DAY) });
    const names = Array.from({ length: 7 }, (_, i) => `Name ${i} ${tag()}`);
    for (const name of names) await rename(admin, venue.id, name);

    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await read(admin, { filter: { venueId: venue.id }, first: 3, after });
      expect(res.errors).toBeUndefined();
      const { edges, pageInfo } = res.data!.auditLog;
      sizes.push(edges.length);
      for (const e of edges) {
        const details = JSON.parse(e.node.details);
        seen.push(e.node.action === 'venue.updated' ? details.after.name : e.node.action);
      }
      if (!pageInfo.hasNextPage) break;
      expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
      after = pageInfo.endCursor;
    }
    // The seven renames, newest first, then the venue's creation and its screen's, oldest last.
    expect(seen).toEqual([...names].reverse().concat(['show.scheduled', 'screen.created', 'venue.created']));
    expect(sizes).toEqual([3, 3, 3, 1]);
  });

  it('filters by show and by actor', async () => {
    const manager = await venueStaffCaller(h, 'manager', here.venue.id, 'VENUE_MANAGER');
    await rename(manager, here.venue.id, `By manager ${tag()}`);
    const byActor = await read(admin, { filter: { actorId: manager.viewer!.id } });
    expect(byActor.data!.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual([
      'venue.updated',
    ]);
    const byShow = await read(admin, { filter: { showId: here.show.id } });
    const nodes = byShow.data!.auditLog.edges.map((e: { node: { showId: string } }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: { showId: string }) => n.showId === here.show.id)).toBe(true);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
    [{ filter: { venueId: 'not-an-id' } }, 'filter.venueId'],
  ])('%o is BAD_USER_INPUT', async (variables, field) => {
    const res = await read(admin, variables);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe("a venue manager's view", () => {
  it('lists the entries of their venues only, without a filter too', async () => {
    const manager = await venueStaffCaller(h, 'manager', here.venue.id, 'VENUE_MANAGER');
    await rename(admin, elsewhere.venue.id, `Elsewhere ${tag()}`);
    await rename(manager, here.venue.id, `Here ${tag()}`);
    const all = await read(manager, { first: 100 });
    expect(all.errors).toBeUndefined();
    const venues = new Set(
      all.data!.auditLog.edges.map((e: { node: { venueId: string } }) => e.node.venueId),
    );
    expect([...venues]).toEqual([here.venue.id]);
    // A show of another venue: nothing, rather than its entries.
    const other = await read(manager, { filter: { showId: elsewhere.show.id } });
    expect(other.data!.auditLog.edges).toEqual([]);
  });

  it('includes their edits of an event shown only at their venue (and its archiving)', async () => {
    const manager = await venueStaffCaller(h, 'manager', here.venue.id, 'VENUE_MANAGER');
    const s = await showWithWindow(h.services, { cityId, startsAt: new Date(Date.now() + 2 * DAY) });
    await h.services.staff.grantVenueRole(SYSTEM_ACTOR, {
      email: manager.email!,
      venueId: s.venue.id,
      role: 'VENUE_MANAGER',
    });
    const edit = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id } }`;
    const archive = `mutation($input: ArchiveEventInput!) { archiveEvent(input: $input) { id } }`;
    expect(
      (await gql(api, manager, edit, { input: { eventId: s.event.id, title: `New ${tag()}` } })).errors,
    ).toBeUndefined();
    expect((await gql(api, manager, archive, { input: { eventId: s.event.id } })).errors).toBeUndefined();
    const mine = await read(manager, { filter: { actorId: manager.viewer!.id } });
    expect(mine.data!.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual([
      'event.archived',
      'event.updated',
    ]);
  });

  it('sees both venues when managing two', async () => {
    const manager = await venueStaffCaller(h, 'manager', here.venue.id, 'VENUE_MANAGER');
    await h.services.staff.grantVenueRole(SYSTEM_ACTOR, {
      email: manager.email!,
      venueId: elsewhere.venue.id,
      role: 'VENUE_MANAGER',
    });
    const all = await read(manager, { first: 100 });
    const venues = new Set(
      all.data!.auditLog.edges.map((e: { node: { venueId: string } }) => e.node.venueId),
    );
    expect(venues).toEqual(new Set([here.venue.id, elsewhere.venue.id]));
  });

  it('is FORBIDDEN for another venue; door staff and customers are FORBIDDEN; anonymous UNAUTHENTICATED', async () => {
    const manager = await venueStaffCaller(h, 'manager', here.venue.id, 'VENUE_MANAGER');
    const door = await venueStaffCaller(h, 'door', here.venue.id, 'DOOR_STAFF');
    const customer = await customerCaller(h);
    const code = async (as: Caller, variables: Record<string, unknown>) =>
      (await read(as, variables)).errors?.map((e) => e.extensions?.['code']);
    expect(await code(manager, { filter: { venueId: elsewhere.venue.id } })).toEqual(['FORBIDDEN']);
    expect(await code(door, {})).toEqual(['FORBIDDEN']);
    expect(await code(door, { filter: { venueId: here.venue.id } })).toEqual(['FORBIDDEN']);
    expect(await code(customer, {})).toEqual(['FORBIDDEN']);
    expect(await code(anonymous, {})).toEqual(['UNAUTHENTICATED']);
  });
});
