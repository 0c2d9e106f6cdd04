import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { DAY, tag } from './helpers/catalog.js';
import { createPaymentsHarness, type PaymentsHarness } from './helpers/payments.js';
import {
  adminCaller,
  anonymous,
  auditRows,
  customerCaller,
  fingerprint,
  gql,
  newAuditRows,
  showWithWindow,
  venueStaffCaller,
  type Caller,
} from './helpers/onsale.js';
import {
  ROLES,
  showHere,
  staffOps,
  type RoleName,
  type StaffOp,
  type StaffWorld,
} from './helpers/staff-ops.js';

// The role table of issue 12: every staff operation x every kind of caller, over HTTP with real
// tokens. Allowed: the call succeeds and appends exactly one audit entry naming the caller.
// Refused: FORBIDDEN (UNAUTHENTICATED when anonymous), and no table changes at all.

let p: PaymentsHarness;
let api: ApiServer;
let world: StaffWorld;
let ops: StaffOp[];
const callers = {} as Record<RoleName, Caller>;

beforeAll(async () => {
  // The table's shows are days to months away: the door window is not what this file tests.
  p = await createPaymentsHarness({ config: { doorsOpenSeconds: (365 * DAY) / 1000 } });
  const h = p.h;
  api = await startApiServer({ showCacheMaxAgeMs: 0 }, h);
  const cityId = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' }))
    .id;
  const startsAt = new Date(Date.now() + 2 * DAY);
  world = {
    h,
    cityId,
    here: await showWithWindow(h.services, { cityId, startsAt }),
    elsewhere: await showWithWindow(h.services, { cityId, startsAt }),
  };
  ops = staffOps(world);
  callers.anonymous = anonymous;
  callers.customer = await customerCaller(h);
  callers.admin = await adminCaller(h);
  callers.managerHere = await venueStaffCaller(h, 'managerHere', world.here.venue.id, 'VENUE_MANAGER');
  callers.managerElsewhere = await venueStaffCaller(
    h,
    'managerElsewhere',
    world.elsewhere.venue.id,
    'VENUE_MANAGER',
  );
  callers.doorHere = await venueStaffCaller(h, 'doorHere', world.here.venue.id, 'DOOR_STAFF');
});
afterAll(async () => {
  await api.close();
  await p.close();
});

// The table, one row per (operation, role); built from the same list the tests use.
const FIELDS = [
  'createCity',
  'updateCity',
  'createVenue',
  'updateVenue',
  'createScreen',
  'createEvent',
  'updateEvent',
  'archiveEvent',
  'scheduleShow',
  'updateShow',
  'setShowPrices',
  'blockSeats',
  'unblockSeats',
  'archiveShow',
  'cancelShow',
  'setCancellationPolicy',
  'checkIn',
  'grantVenueRole',
  'revokeVenueRole',
  'auditLog',
];
const table = FIELDS.flatMap((field) => ROLES.map((role) => ({ field, role })));
const opOf = (field: string) => ops.find((o) => o.field === field)!;

describe('role table', () => {
  it('covers every staff operation of the contract', () => {
    expect(ops.map((o) => o.field).sort()).toEqual([...FIELDS].sort());
  });

  it.each(table)('$field as $role', async ({ field, role }) => {
    const op = opOf(field);
    const caller = callers[role];
    const variables = await op.variables();
    const before = await fingerprint(p.h);
    const audit = await auditRows(p.h);
    const res = await gql(api, caller, op.query, variables);

    if (op.allowed.includes(role)) {
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(res.data?.[field]).toBeTruthy();
      const written = await newAuditRows(p.h, audit);
      if (op.action === null) expect(written).toEqual([]);
      else expect(written.map((r) => [r.action, r.actorId])).toEqual([[op.action, caller.viewer!.id]]);
    } else {
      const expected = role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(
        res.errors?.map((e) => e.extensions?.['code']),
        JSON.stringify(res),
      ).toEqual([expected]);
      expect(res.data ?? null).toBeNull();
      expect(await fingerprint(p.h)).toEqual(before);
    }
  });

  it.each(FIELDS)('%s: a customer is FORBIDDEN whatever they send (malformed ids)', async (field) => {
    const op = opOf(field);
    const vars = JSON.parse(JSON.stringify(await op.variables()).replace(/"[0-9a-f-]{36}"/g, '"not-an-id"'));
    const res = await gql(api, callers.customer, op.query, vars);
    expect(res.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
  });
});

describe('granting and revoking', () => {
  const VENUE_ROLES = `query { me { id venueRoles { role venue { id } } } }`;
  const UPDATE_SHOW = `mutation($input: UpdateShowInput!) { updateShow(input: $input) { id } }`;
  const GRANT = `mutation($input: VenueRoleInput!) { grantVenueRole(input: $input) { id venueRoles { role venue { id } } } }`;
  const REVOKE = `mutation($input: VenueRoleInput!) { revokeVenueRole(input: $input) { id venueRoles { role } } }`;

  it('a revoked manager is FORBIDDEN at their next request, with the same token', async () => {
    const manager = await customerCaller(p.h, 'manager');
    const venueId = world.here.venue.id;
    const input = { email: manager.email, venueId, role: 'VENUE_MANAGER' };
    const granted = await gql(api, callers.admin, GRANT, { input });
    expect(granted.data!.grantVenueRole.venueRoles).toEqual([
      { role: 'VENUE_MANAGER', venue: { id: venueId } },
    ]);
    expect((await gql(api, manager, VENUE_ROLES)).data!.me.venueRoles).toHaveLength(1);

    const show = await showHere(world);
    const update = () =>
      gql(api, manager, UPDATE_SHOW, {
        input: { showId: show.id, salesEndAt: new Date(show.startsAt.getTime() - DAY).toISOString() },
      });
    expect((await update()).errors).toBeUndefined();

    const revoked = await gql(api, callers.admin, REVOKE, { input });
    expect(revoked.data!.revokeVenueRole.venueRoles).toEqual([]);
    const before = await fingerprint(p.h);
    expect((await update()).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await fingerprint(p.h)).toEqual(before);
    expect((await gql(api, manager, VENUE_ROLES)).data!.me.venueRoles).toEqual([]);
  });

  it('a revoked door keeper can no longer check tickets in', async () => {
    const door = await venueStaffCaller(p.h, 'door', world.here.venue.id, 'DOOR_STAFF');
    const checkIn = opOf('checkIn');
    expect((await gql(api, door, checkIn.query, await checkIn.variables())).errors).toBeUndefined();
    const input = { email: door.email, venueId: world.here.venue.id, role: 'DOOR_STAFF' };
    expect((await gql(api, callers.admin, REVOKE, { input })).errors).toBeUndefined();
    const refused = await gql(api, door, checkIn.query, await checkIn.variables());
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('only venue roles can be granted, and only to existing accounts', async () => {
    const venueId = world.here.venue.id;
    const asAdmin = (input: Record<string, unknown>) => gql(api, callers.admin, GRANT, { input });
    const customer = await customerCaller(p.h);
    for (const role of ['ADMIN', 'CUSTOMER']) {
      const res = await asAdmin({ email: customer.email, venueId, role });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
    }
    const nobody = await asAdmin({ email: `nobody-${tag()}@example.test`, venueId, role: 'DOOR_STAFF' });
    expect(nobody.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const me = await gql(api, customer, VENUE_ROLES);
    expect(me.data!.me.venueRoles).toEqual([]);
  });
});
