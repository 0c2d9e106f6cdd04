import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { GqlResult, Harness } from './harness.js';
import { SYSTEM_ACTOR } from '../../src/domain/access/authorize.js';

export const CREATE_CITY = /* GraphQL */ `
  mutation ($input: CreateCityInput!) {
    createCity(input: $input) {
      id
      name
      country
      timezone
    }
  }
`;
export const CREATE_VENUE = /* GraphQL */ `
  mutation ($input: CreateVenueInput!) {
    createVenue(input: $input) {
      id
      name
      address
    }
  }
`;
export const CREATE_SCREEN = /* GraphQL */ `
  mutation ($input: CreateScreenInput!) {
    createScreen(input: $input) {
      id
      name
      capacity
    }
  }
`;
export const CREATE_EVENT = /* GraphQL */ `
  mutation ($input: CreateEventInput!) {
    createEvent(input: $input) {
      id
      kind
      title
      description
      genres
      language
      durationMinutes
      rating
    }
  }
`;
export const SCHEDULE_SHOW = /* GraphQL */ `
  mutation ($input: ScheduleShowInput!) {
    scheduleShow(input: $input) {
      id
      startsAt
      endsAt
      currency
    }
  }
`;
export const CANCEL_SHOW = /* GraphQL */ `
  mutation ($showId: ID!) {
    cancelShow(showId: $showId) {
      id
      status
    }
  }
`;

export const tag = () => randomUUID().slice(0, 8);
export const inDays = (days: number, hour = 19) => {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

/** Asserts the operation failed with exactly one error of `code` (and `field`, when given). */
export function expectError(res: GqlResult, code: string, field?: string) {
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  const [err] = res.errors!;
  expect(err!.extensions?.['code'], JSON.stringify(err)).toBe(code);
  if (field !== undefined) expect(err!.extensions?.['field'], JSON.stringify(err)).toBe(field);
  expect(err!.message).not.toMatch(/violates|constraint|syntax|relation|postgres|drizzle/i);
  return err!;
}

/** Asserts success and returns `data`. */
export function expectData<T>(res: GqlResult<T>): T {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

/** A city, venue, 2-section screen (A-B premium, C-D standard; 10 seats a row) and 120-minute event. */
export async function createPlaces(h: Harness) {
  const t = tag();
  const city = await h.services.admin.createCity(SYSTEM_ACTOR, {
    name: `City ${t}`,
    country: 'FR',
    timezone: 'Europe/Paris',
  });
  const venue = await h.services.admin.createVenue(SYSTEM_ACTOR, { cityId: city.id, name: `Venue ${t}` });
  const screen = await h.services.admin.createScreen(SYSTEM_ACTOR, {
    venueId: venue.id,
    name: `Screen ${t}`,
    layout: {
      sections: [
        {
          name: 'Premium',
          rows: [
            { label: 'A', seats: 10 },
            { label: 'B', seats: 10, blocked: [1, 10] },
          ],
        },
        {
          name: 'Standard',
          rows: [
            { label: 'C', seats: 10 },
            { label: 'D', seats: 10, accessible: [5, 6] },
          ],
        },
      ],
    },
  });
  const event = await h.services.admin.createEvent(SYSTEM_ACTOR, {
    kind: 'MOVIE',
    title: `Film ${t}`,
    durationMinutes: 120,
  });
  return { city, venue, screen, event };
}

export const PRICES = [
  { section: 'Premium', amount: 1500 },
  { section: 'Standard', amount: 1000 },
];
