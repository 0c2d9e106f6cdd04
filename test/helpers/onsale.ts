import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../src/domain/access/authorize.js';
import { createTokenIssuer, type Viewer } from '../../src/domain/auth/tokens.js';
import type { AppServices } from '../../src/domain/services.js';
import { postGraphql, startApiServer, type ApiServer } from './api-server.js';
import { createScreen, tag } from './catalog.js';
import { TEST_CONFIG, type GqlResult, type Harness } from './harness.js';
import { createCustomers } from './users.js';

/** The password `Harness.admin()` gives its admins. */
const ADMIN_PASSWORD = 'admin password 123';

/** A signed-in caller over HTTP: its viewer (for assertions) and bearer token (null: anonymous). */
export interface Caller {
  name: string;
  viewer: Viewer | null;
  token: string | null;
  email?: string;
}

/** One GraphQL request over the real HTTP server, as `caller`. */
export async function gql<T = any>(
  api: Pick<ApiServer, 'base'>,
  caller: Caller | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T> & { status: number }> {
  const headers: Record<string, string> = caller?.token ? { authorization: `Bearer ${caller.token}` } : {};
  const res = await postGraphql(api.base, { query, variables }, headers);
  return { ...(res.body as GqlResult<T>), status: res.status };
}

export const anonymous: Caller = { name: 'anonymous', viewer: null, token: null };

export async function customerCaller(h: Harness, name = 'customer'): Promise<Caller> {
  const c = await h.customer();
  return { name, viewer: { id: c.id, role: c.role }, token: c.token, email: c.email };
}

export async function adminCaller(h: Harness, name = 'admin'): Promise<Caller> {
  const a = await h.admin();
  const { token } = await h.services.auth.login({ email: a.email, password: ADMIN_PASSWORD });
  return { name, viewer: { id: a.id, role: 'ADMIN' }, token, email: a.email };
}

/** A customer account holding `role` at `venueId` (granted by the system, as a seed would). */
export async function venueStaffCaller(
  h: Harness,
  name: string,
  venueId: string,
  role: 'VENUE_MANAGER' | 'DOOR_STAFF',
): Promise<Caller> {
  const caller = await customerCaller(h, name);
  await h.services.staff.grantVenueRole(SYSTEM_ACTOR, { email: caller.email!, venueId, role });
  return caller;
}

/**
 * One md5 per table of the public schema: equal fingerprints mean no row was added, changed or
 * removed anywhere. `seat_changes.published_at` is left out: the relay stamps it in the background
 * after delivering a change, which is delivery bookkeeping, not state.
 */
export async function fingerprint(h: Harness): Promise<Record<string, string>> {
  const tables = await h.db.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const rowsOf = (name: string) =>
    name === 'seat_changes' ? `(select id, show_id, version, cause, seats from seat_changes)` : `"${name}"`;
  const parts = tables.map(
    ({ name }) =>
      `select '${name}' as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as hash from ${rowsOf(name)} t`,
  );
  const rows = await h.db.sql.unsafe<{ name: string; hash: string }[]>(parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
}

export type AuditRow = {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  targetId: string | null;
  venueId: string | null;
  showId: string | null;
  details: Record<string, any>;
};

/** The stored audit entries, oldest first (by insertion into the table). */
export async function auditRows(h: Harness): Promise<AuditRow[]> {
  return h.db.db.execute<AuditRow>(sql`
    select id, at, actor_id as "actorId", action, target_id as "targetId", venue_id as "venueId",
      show_id as "showId", details
    from audit_log order by at, ctid`);
}

/** Entries written after `before` (the result of an earlier `auditRows`). */
export async function newAuditRows(h: Harness, before: readonly AuditRow[]): Promise<AuditRow[]> {
  const seen = new Set(before.map((r) => r.id));
  return (await auditRows(h)).filter((r) => !seen.has(r.id));
}

/**
 * A show in a venue of its own (a `rows` x `seats` screen, section `Main` at `price`) of a new
 * 120-minute event, with the given sales window; built by the system through the real service.
 */
export async function showWithWindow(
  services: AppServices,
  opts: {
    cityId: string;
    startsAt: Date;
    salesStartAt?: Date | null;
    salesEndAt?: Date | null;
    rows?: number;
    seats?: number;
    price?: number;
    maxTicketsPerUser?: number;
  },
) {
  const { venue, screen } = await createScreen(services, opts.cityId, opts.rows, opts.seats);
  const event = await services.admin.createEvent(SYSTEM_ACTOR, {
    kind: 'CONCERT',
    title: `Gig ${tag()}`,
    durationMinutes: 120,
    ...(opts.maxTicketsPerUser ? { maxTicketsPerUser: opts.maxTicketsPerUser } : {}),
  });
  const show = await services.admin.scheduleShow(SYSTEM_ACTOR, {
    eventId: event.id,
    screenId: screen.id,
    startsAt: opts.startsAt,
    currency: 'EUR',
    prices: [{ section: 'Main', amount: opts.price ?? 1000 }],
    salesStartAt: opts.salesStartAt ?? null,
    salesEndAt: opts.salesEndAt ?? null,
  });
  const seatIds = await services.db
    .execute<{ id: string }>(
      sql`select ss.id from show_seats ss join seats s on s.id = ss.seat_id
          where ss.show_id = ${show.id} order by s.y, s.x`,
    )
    .then((rows) => rows.map((r) => r.id));
  return { venue, screen, event, show, seatIds };
}

/** `n` customers inserted directly (no password hashing) with tokens the server accepts. */
export async function quickCustomers(h: Harness, n: number): Promise<Caller[]> {
  const users = await createCustomers(h, n);
  const tokens = createTokenIssuer(TEST_CONFIG.jwtSecret, TEST_CONFIG.jwtTtlSeconds);
  return Promise.all(
    users.map(async (viewer, i) => ({ name: `buyer ${i}`, viewer, token: await tokens.sign({ id: viewer.id, tokenVersion: 0 }) })),
  );
}

export const HOLD = `mutation Hold($input: HoldSeatsInput!) {
  holdSeats(input: $input) { id status total { amount } seats { id price { amount } } }
}`;

/** Polls `check` every 10 ms until it holds; throws after 10 s naming `what` was awaited. */
export async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Backends of the harness's database waiting for a lock while running a statement like `like`. */
export async function lockWaiters(h: Harness, like: string): Promise<number> {
  const [row] = await h.db.sql<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock' and query ilike ${like}`;
  return row!.n;
}

/** What a buyer has of a show in the database: seats of running holds, booked seats, active holds. */
export async function ticketsOf(h: Harness, who: Caller, showId: string) {
  const [row] = await h.db.sql<{ held: number; booked: number; activeHolds: number }[]>`
    select
      (select count(*)::int from show_seats ss join holds h on h.id = ss.hold_id
        where ss.show_id = ${showId} and ss.status = 'HELD' and h.user_id = ${who.viewer!.id}) as held,
      (select count(*)::int from show_seats ss join bookings b on b.id = ss.booking_id
        where ss.show_id = ${showId} and ss.status = 'BOOKED' and b.user_id = ${who.viewer!.id}) as booked,
      (select count(*)::int from holds where show_id = ${showId} and user_id = ${who.viewer!.id}
        and status = 'ACTIVE') as "activeHolds"`;
  return row!;
}

type ShowScene = Awaited<ReturnType<typeof showWithWindow>>;
let nextDay = 3;
/** A start a day after the last one handed out: shows of one screen never overlap. */
export const nextShowStart = () => new Date(Date.now() + (nextDay += 1) * 24 * 3600 * 1000);

/** Another show of `eventId` (default: the scene's) on the scene's screen, a day after the last. */
export function scheduleNext(services: AppServices, scene: ShowScene, eventId = scene.event.id) {
  return services.admin.scheduleShow(SYSTEM_ACTOR, {
    eventId,
    screenId: scene.screen.id,
    startsAt: nextShowStart(),
    currency: 'EUR',
    prices: [{ section: 'Main', amount: 1000 }],
  });
}

/**
 * The real HTTP server (show cache off) on `h`, a city, a venue "here" with a show two days
 * ahead, an admin and a manager of that venue.
 */
export async function venueScene(h: Harness) {
  const api = await startApiServer({ showCacheMaxAgeMs: 0 }, h);
  const cityId = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' }))
    .id;
  const here = await showWithWindow(h.services, {
    cityId,
    startsAt: new Date(Date.now() + 2 * 24 * 3600 * 1000),
  });
  const admin = await adminCaller(h);
  const manager = await venueStaffCaller(h, 'manager', here.venue.id, 'VENUE_MANAGER');
  return { api, cityId, here, admin, manager, freshShow: () => scheduleNext(h.services, here) };
}
