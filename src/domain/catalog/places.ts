import {
  findCitiesByIds,
  insertCity,
  lockCity,
  updateCity as updateCityRow,
} from '../../db/queries/cities.js';
import { isUniqueViolation } from '../../db/errors.js';
import { insertScreenWithSeats } from '../../db/queries/screens.js';
import {
  findVenuesByIds,
  insertVenue,
  lockVenue,
  updateVenue as updateVenueRow,
} from '../../db/queries/venues.js';
import type { CityRow, ScreenRow, VenueRow } from '../../db/schema/index.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { assertCan, assertMayAct } from '../access/authorize.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Viewer } from '../auth/tokens.js';
import { rowCodec } from '../idempotency.js';
import { runStaffCommand, type StaffCommandDeps } from '../staff-command.js';
import { parseId, parseOptionalText, parseText } from '../validation.js';
import { capacityOf, expandLayout, type LayoutInput } from './screen-layout.js';

/** Cities, venues and screens: where shows happen. Every write is audited and idempotent. */

type Key = { idempotencyKey?: string | null };
const cityCodec = rowCodec<CityRow>('createdAt');
const venueCodec = rowCodec<VenueRow>('createdAt');
const screenCodec = rowCodec<ScreenRow>('createdAt');

export async function createCity(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { name: string; country: string; timezone?: string | null } & Key,
): Promise<CityRow> {
  await assertMayAct(deps.db, actor, 'city.create');
  const values = {
    name: parseText(input.name, 'input.name', { max: 100 }),
    country: parseCountry(input.country),
    timezone: parseTimeZone(input.timezone, 'input.timezone'),
  };
  return runStaffCommand(
    deps,
    actor,
    { operation: 'createCity', input: values, idempotencyKey: input.idempotencyKey },
    cityCodec,
    async (tx, at) => {
      const city = await insertCity(tx, values);
      if (!city) throw cityExists(values);
      await recordAudit(tx, { action: 'city.created', actor, at, targetId: city.id, after: city });
      return city;
    },
  );
}

/** Omitted fields stay as they are. */
export async function updateCity(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { cityId: string; name?: string | null; country?: string | null; timezone?: string | null } & Key,
): Promise<CityRow> {
  await assertMayAct(deps.db, actor, 'city.update');
  const cityId = parseId(input.cityId, 'input.cityId');
  const values = {
    ...(input.name != null ? { name: parseText(input.name, 'input.name', { max: 100 }) } : {}),
    ...(input.country != null ? { country: parseCountry(input.country) } : {}),
    ...(input.timezone != null ? { timezone: parseTimeZone(input.timezone, 'input.timezone') } : {}),
  };
  return runStaffCommand(
    deps,
    actor,
    { operation: 'updateCity', input: { cityId, ...values }, idempotencyKey: input.idempotencyKey },
    cityCodec,
    async (tx, at) => {
      const before = await lockCity(tx, cityId);
      if (!before) throw new NotFoundError('City', cityId);
      const after = await updateCityRow(tx, cityId, values).catch((err: unknown) => {
        throw isUniqueCity(err) ? cityExists({ ...before, ...values }) : err;
      });
      if (!after) throw new NotFoundError('City', cityId);
      await recordAudit(tx, { action: 'city.updated', actor, at, targetId: cityId, before, after });
      return after;
    },
  );
}

export async function createVenue(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { cityId: string; name: string; address?: string | null } & Key,
): Promise<VenueRow> {
  await assertMayAct(deps.db, actor, 'venue.create');
  const values = {
    cityId: parseId(input.cityId, 'input.cityId'),
    name: parseText(input.name, 'input.name', { max: 200 }),
    address: parseOptionalText(input.address, 'input.address', { max: 500 }),
  };
  return runStaffCommand(
    deps,
    actor,
    { operation: 'createVenue', input: values, idempotencyKey: input.idempotencyKey },
    venueCodec,
    async (tx, at) => {
      const [city] = await findCitiesByIds(tx, [values.cityId]);
      if (!city) throw new NotFoundError('City', values.cityId);
      const venue = await insertVenue(tx, values);
      await recordAudit(tx, {
        action: 'venue.created',
        actor,
        at,
        targetId: venue.id,
        venueId: venue.id,
        after: venue,
      });
      return venue;
    },
  );
}

/** Omitted fields stay; an empty `address` clears it. */
export async function updateVenue(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { venueId: string; name?: string | null; address?: string | null } & Key,
): Promise<VenueRow> {
  await assertMayAct(deps.db, actor, 'venue.update');
  const venueId = parseId(input.venueId, 'input.venueId');
  const values = {
    ...(input.name != null ? { name: parseText(input.name, 'input.name', { max: 200 }) } : {}),
    ...(input.address !== undefined
      ? { address: parseOptionalText(input.address, 'input.address', { max: 500 }) }
      : {}),
  };
  return runStaffCommand(
    deps,
    actor,
    { operation: 'updateVenue', input: { venueId, ...values }, idempotencyKey: input.idempotencyKey },
    venueCodec,
    async (tx, at) => {
      await assertCan(tx, actor, 'venue.update', { venueId });
      const before = await lockVenue(tx, venueId);
      if (!before) throw new NotFoundError('Venue', venueId);
      const after = await updateVenueRow(tx, venueId, values);
      await recordAudit(tx, {
        action: 'venue.updated',
        actor,
        at,
        targetId: venueId,
        venueId,
        before,
        after,
      });
      return after;
    },
  );
}

/** The screen and all its seats, in one transaction. */
export async function createScreen(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { venueId: string; name: string; layout: LayoutInput } & Key,
): Promise<ScreenRow> {
  await assertMayAct(deps.db, actor, 'screen.create');
  const venueId = parseId(input.venueId, 'input.venueId');
  const name = parseText(input.name, 'input.name', { max: 100 });
  const { layout, seats } = expandLayout(input.layout, 'input.layout');
  const call = {
    operation: 'createScreen',
    input: { venueId, name, layout },
    idempotencyKey: input.idempotencyKey,
  };
  return runStaffCommand(deps, actor, call, screenCodec, async (tx, at) => {
    await assertCan(tx, actor, 'screen.create', { venueId });
    const [venue] = await findVenuesByIds(tx, [venueId]);
    if (!venue) throw new NotFoundError('Venue', venueId);
    const screen = await insertScreenWithSeats(
      tx,
      { venueId, name, layout, capacity: capacityOf(seats) },
      seats,
    );
    if (!screen) throw new ValidationError(`the venue already has a screen named "${name}"`, 'input.name');
    const { layout: _layout, ...summary } = screen;
    await recordAudit(tx, {
      action: 'screen.created',
      actor,
      at,
      targetId: screen.id,
      venueId,
      after: summary,
    });
    return screen;
  });
}

function parseCountry(value: string): string {
  const country = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new ValidationError('country must be an ISO-3166 alpha-2 code such as "DE"', 'input.country');
  }
  return country;
}

const cityExists = (c: { name: string; country: string }) =>
  new ValidationError(`the city ${c.name} (${c.country}) already exists`, 'input.name');

const isUniqueCity = (err: unknown) => isUniqueViolation(err, 'cities_name_country_unique');

/** An IANA zone in its canonical spelling ("europe/berlin" is stored as "Europe/Berlin"). */
function parseTimeZone(value: string | null | undefined, field: string): string {
  const tz = value?.trim() || 'UTC';
  let canonical: string;
  try {
    if (tz.length > 64) throw new RangeError('too long for a zone name');
    canonical = new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    throw new ValidationError('timezone must be an IANA time zone such as "Europe/Berlin"', field);
  }
  // Newer ICU versions accept raw offsets ("+01:00"), which are not IANA zones and ignore DST.
  if (/^[+-]/.test(canonical))
    throw new ValidationError('timezone must be an IANA time zone, not an offset', field);
  return canonical;
}
