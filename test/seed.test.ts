import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog, type SeedResult } from '../src/db/seed.js';
import { createHarness, createManualClock, type Harness } from './helpers/harness.js';

// Monday 25 March 2030, 00:00 UTC: the 14 days span Europe's switch to summer time (31 March).
const START = new Date('2030-03-25T00:00:00Z');
const DAY = 24 * 3600 * 1000;

let h: Harness;
let first: SeedResult;
let seedMs: number;

beforeAll(async () => {
  h = await createHarness({ clock: createManualClock(START) });
  const t = performance.now();
  first = await seedDemoCatalog(h.services);
  seedMs = performance.now() - t;
});

afterAll(async () => {
  await h?.close();
});

const count = async (table: string) =>
  (await h.db.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`))[0]!.n;

describe('demo seed', () => {
  it('creates the promised catalog, quickly', async () => {
    // 2 weeks: every weekday twice. Cinemas 4 screens x 3 slots x 14 days, concert hall 6 evenings
    // a week, theatre 6 evenings + 2 matinees a week, arena 3 evenings a week.
    expect(first).toEqual({ seeded: true, cities: 3, venues: 6, screens: 7, events: 15, shows: 202 });
    expect({
      cities: await count('cities'),
      venues: await count('venues'),
      screens: await count('screens'),
      events: await count('events'),
      shows: await count('shows'),
    }).toEqual({ cities: 3, venues: 6, screens: 7, events: 15, shows: 202 });
    expect(seedMs).toBeLessThan(10_000);
  });

  it('has events of all four kinds with genres, and languages and ratings on films', async () => {
    const kinds = await h.db.sql<{ kind: string; n: number }[]>`
      select kind::text, count(*)::int as n from events group by kind order by kind::text`;
    expect(kinds.map((k) => k.kind)).toEqual(['CONCERT', 'MOVIE', 'SPORT', 'THEATRE']);
    const bare = await h.db.sql`
      select title from events
      where cardinality(genres) = 0 or (kind = 'MOVIE' and (language is null or rating is null))`;
    expect(bare).toEqual([]);
  });

  it('builds realistic screens: 100-600 seats, premium back rows, blocked and accessible seats', async () => {
    const screens = await h.db.sql<
      { name: string; seats: number; blocked: number; accessible: number; capacity: number }[]
    >`
      select sc.name, sc.capacity, count(*)::int as seats,
             count(*) filter (where s.blocked)::int as blocked,
             count(*) filter (where s.accessible)::int as accessible
      from screens sc join seats s on s.screen_id = sc.id group by sc.id order by sc.name`;
    for (const s of screens) {
      expect(s.seats).toBeGreaterThanOrEqual(100);
      expect(s.seats).toBeLessThanOrEqual(600);
      expect(s.accessible).toBeGreaterThan(0);
      expect(s.capacity).toBe(s.seats - s.blocked);
    }
    expect(screens.filter((s) => s.blocked > 0).length).toBeGreaterThanOrEqual(4);

    // In every cinema screen, the PREMIUM rows are the back rows.
    const cinemas = await h.db.sql<{ name: string; premium_front: number; standard_back: number }[]>`
      select sc.name,
             min(s.y) filter (where l.tier = 'PREMIUM') as premium_front,
             max(s.y) filter (where l.tier = 'STANDARD') as standard_back
      from screens sc
      join seats s on s.screen_id = sc.id
      join lateral (select e->>'name' as name, e->>'tier' as tier from jsonb_array_elements(sc.layout) e) l
        on l.name = s.section
      join venues v on v.id = sc.venue_id
      where v.name in ('Kino Spreeblick', 'Riverside Picturehouse', 'Grachten Bioscoop')
      group by sc.id`;
    expect(cinemas).toHaveLength(4);
    for (const c of cinemas) expect(c.premium_front).toBeGreaterThan(c.standard_back);

    const theatre = await h.db.sql<{ section: string }[]>`
      select distinct s.section from seats s join screens sc on sc.id = s.screen_id
      join venues v on v.id = sc.venue_id where v.name = 'Lyric Playhouse' order by 1`;
    expect(theatre.map((t) => t.section)).toEqual(['Dress Circle', 'Stalls']);
  });

  it('schedules shows over the next 14 days, in every city, with a full seat inventory', async () => {
    const [span] = await h.db.sql<{ first: string; last: string }[]>`
      select min(starts_at)::text as first, max(starts_at)::text as last from shows`;
    expect(new Date(span!.first).getTime()).toBeGreaterThan(START.getTime());
    expect(new Date(span!.last).getTime()).toBeLessThan(START.getTime() + 14 * DAY);
    const perCity = await h.db.sql<{ name: string; shows: number }[]>`
      select c.name, count(*)::int as shows from shows sh
      join screens sc on sc.id = sh.screen_id join venues v on v.id = sc.venue_id join cities c on c.id = v.city_id
      group by c.name order by c.name`;
    expect(perCity.map((c) => c.name)).toEqual(['Amsterdam', 'Berlin', 'London']);
    const [missing] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from shows sh join seats s on s.screen_id = sh.screen_id
      left join show_seats ss on ss.show_id = sh.id and ss.seat_id = s.id where ss.seat_id is null`;
    expect(missing!.n).toBe(0);
  });

  it('plans shows in local time across a daylight-saving change', async () => {
    const rows = await h.db.sql<{ starts_at: string }[]>`
      select sh.starts_at::text from shows sh join screens sc on sc.id = sh.screen_id
      join venues v on v.id = sc.venue_id where v.name = 'Konzerthaus Mitte'`;
    const starts = rows.map((r) => new Date(r.starts_at));
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(new Set(starts.map((s) => local.format(s)))).toEqual(new Set(['20:00']));
    const utcHours = new Set(starts.map((s) => s.getUTCHours()));
    expect(utcHours).toEqual(new Set([19, 18])); // CET before 31 March, CEST after
  });

  it('is a no-op when the catalog already has cities', async () => {
    const again = await seedDemoCatalog(h.services);
    expect(again.seeded).toBe(false);
    expect(await count('shows')).toBe(202);
    expect(await count('events')).toBe(15);
  });
});
