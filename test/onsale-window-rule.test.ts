import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import { salesStateAt } from '../src/domain/catalog/sales-window.js';
import { createManualClock } from '../src/domain/clock.js';
import { shows } from '../src/db/schema/index.js';
import { HOUR, DAY, tag } from './helpers/catalog.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { showWithWindow } from './helpers/onsale.js';

// One on-sale rule, written twice: salesStateAt (TypeScript: the early answer of a hold,
// Show.onSale) and boxoffice_on_sale (SQL: the hold's transaction, shows(filter: {onSale})).
// Each case puts the show row in a state (directly, to reach states the API refuses too) and
// asks both rules, and the API's two views of them, at instants around its edges.

const S = new Date('2026-12-10T19:00:00.000Z').getTime();
const clock = createManualClock(new Date(S - 5 * DAY));
let h: Harness;
let showId: string;
let eventId: string;

beforeAll(async () => {
  h = await createHarness({ clock });
  const cityId = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' }))
    .id;
  const s = await showWithWindow(h.services, { cityId, startsAt: new Date(S) });
  showId = s.show.id;
  eventId = s.event.id;
});
afterAll(() => h.close());

interface Case {
  name: string;
  row: { start?: number; end?: number; cancelled?: boolean; archivedAt?: number };
  /** [instant, on sale?, reason when not] */
  points: [number, boolean, string?][];
}

const a = S - 2 * DAY; // sales open
const b = S - 1 * DAY; // sales close
const cases: Case[] = [
  {
    name: 'no window: on sale until the show starts',
    row: {},
    points: [
      [S - 4 * DAY, true],
      [S - 1, true],
      [S, false, 'STARTED'],
      [S + 1, false, 'STARTED'],
    ],
  },
  {
    name: 'start only: from salesStartAt (inclusive)',
    row: { start: a },
    points: [
      [a - 1, false, 'NOT_YET_OPEN'],
      [a, true],
      [a + 1, true],
      [S - 1, true],
      [S, false, 'STARTED'],
    ],
  },
  {
    name: 'end only: until salesEndAt (exclusive)',
    row: { end: b },
    points: [
      [S - 4 * DAY, true],
      [b - 1, true],
      [b, false, 'CLOSED'],
      [b + 1, false, 'CLOSED'],
    ],
  },
  {
    name: 'both bounds',
    row: { start: a, end: b },
    points: [
      [a - 1, false, 'NOT_YET_OPEN'],
      [a, true],
      [b - 1, true],
      [b, false, 'CLOSED'],
      [S, false, 'STARTED'],
    ],
  },
  {
    name: 'end at startsAt',
    row: { end: S },
    points: [
      [S - 1, true],
      [S, false, 'STARTED'],
    ],
  },
  {
    name: 'one-millisecond window',
    row: { start: a, end: a + 1 },
    points: [
      [a - 1, false, 'NOT_YET_OPEN'],
      [a, true],
      [a + 1, false, 'CLOSED'],
    ],
  },
  {
    name: 'cancelled, inside its window',
    row: { start: a, end: b, cancelled: true },
    points: [
      [a - 1, false, 'CANCELLED'],
      [a, false, 'CANCELLED'],
      [S, false, 'CANCELLED'],
    ],
  },
  {
    name: 'archived, inside its window (before and after the archive instant)',
    row: { start: a, archivedAt: a + HOUR },
    points: [
      [a, false, 'ARCHIVED'],
      [a + 2 * HOUR, false, 'ARCHIVED'],
    ],
  },
  {
    name: 'cancelled and archived',
    row: { cancelled: true, archivedAt: a },
    points: [[a + 1, false, 'CANCELLED']],
  },
  {
    name: 'a window opening after the show starts (refused by the API, reachable by hand)',
    row: { start: S + HOUR },
    points: [
      [S - 1, false, 'NOT_YET_OPEN'],
      [S + 2 * HOUR, false, 'STARTED'],
    ],
  },
  {
    name: 'a window closing after the show starts',
    row: { end: S + HOUR },
    points: [
      [S - 1, true],
      [S, false, 'STARTED'],
      [S + 2 * HOUR, false, 'STARTED'],
    ],
  },
];

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

describe('salesStateAt (TypeScript) and boxoffice_on_sale (SQL) agree', () => {
  it.each(cases)('$name', async ({ row, points }) => {
    await h.db.sql`
      update shows set sales_start_at = ${iso(row.start)}, sales_end_at = ${iso(row.end)},
        status = ${row.cancelled ? 'CANCELLED' : 'SCHEDULED'},
        cancelled_at = ${row.cancelled ? iso(a) : null}, archived_at = ${iso(row.archivedAt)}
      where id = ${showId}`;
    const [stored] = await h.db.db.select().from(shows).where(eq(shows.id, showId));

    for (const [t, expected, reason] of points) {
      const now = new Date(t);
      const label = `at ${now.toISOString()}`;
      const ts = salesStateAt(stored!, now);
      const [sql] = await h.db.sql<{ onSale: boolean }[]>`
        select boxoffice_on_sale(status, archived_at, starts_at, sales_start_at, sales_end_at,
          ${now.toISOString()}::timestamptz) as "onSale" from shows where id = ${showId}`;
      expect(ts.onSale, label).toBe(expected);
      expect(sql!.onSale, label).toBe(expected);
      if (!ts.onSale) expect(ts.reason, label).toBe(reason);

      // The API's two views: Show.onSale (TypeScript) and shows(filter: {onSale: true}) (SQL).
      clock.set(now);
      const res = await h.exec<any>(
        `query($id: ID!, $f: ShowFilter!) {
          show(id: $id) { onSale }
          shows(filter: $f) { edges { node { id } } }
        }`,
        { id: showId, f: { eventId, onSale: true, from: new Date(S - 30 * DAY).toISOString() } },
      );
      expect(res.errors, label).toBeUndefined();
      expect(res.data.show.onSale, label).toBe(expected);
      expect(
        res.data.shows.edges.map((e: { node: { id: string } }) => e.node.id),
        label,
      ).toEqual(expected ? [showId] : []);
    }
  });
});
