import { getNamedType, isObjectType, type GraphQLNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import { schema } from '../src/graphql/schema.js';
import { startApiServer, postGraphql, type ApiServer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, createManualClock } from './helpers/harness.js';
import { settle } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

/**
 * The `show(id)` response cache through the real server. What reaches Postgres tells whether a
 * request was executed: a cache hit sends one statement (the show's version), an execution more.
 */
const clock = createManualClock(new Date('2026-11-27T10:00:00Z'));
const MAX_AGE_MS = 60_000; // longer than any test: only versions and hold expiries invalidate here
let api: ApiServer;
let show: ShowFixture;
let seatIds: string[];

const SEAT_MAP = `query($id: ID!) { show(id: $id) { id status seatMap { version seats { id status } } } }`;
type SeatMapData = { show: { seatMap: { version: number; seats: { id: string; status: string }[] } } };

async function read(showId = show.showId, query = SEAT_MAP) {
  api.h.resetStatements();
  const res = await postGraphql(api.base, { query, variables: { id: showId } });
  const statements = api.h.statements.filter((s) => !/pg_catalog\.pg_type/.test(s)).length;
  return { ...res, data: res.body.data as SeatMapData, statements };
}
const statusOf = (data: SeatMapData, seatId: string) => data.show.seatMap.seats.find((s) => s.id === seatId)?.status;

beforeAll(async () => {
  const h = await createHarness({ clock });
  api = await startApiServer({ showCacheMaxAgeMs: MAX_AGE_MS }, h);
  show = await createShowFixture(h.services, { rows: 3, seatsPerRow: 10, startsAt: new Date('2026-12-01T20:00:00Z') });
  const map = await h.exec<SeatMapData>(`{ show(id: "${show.showId}") { seatMap { version seats { id status } } } }`);
  seatIds = map.data!.show.seatMap.seats.map((s) => s.id);
});
afterAll(async () => {
  await api?.h.close();
  await api?.close();
});

describe('show response cache', () => {
  it('executes a seat map once and answers the same request again from the cache', async () => {
    const first = await read();
    expect(first.statements).toBeGreaterThan(1);
    const again = await read();
    expect(again.statements).toBe(1);
    expect(again.body).toEqual(first.body);
    // Other variables are another entry.
    const other = await createShowFixture(api.h.services, { rows: 1, seatsPerRow: 2 });
    expect((await read(other.showId)).data.show.seatMap.seats).toHaveLength(2);
  });

  it('sends the exact bytes of the executed response again from the cache, with the same headers', async () => {
    const other = await createShowFixture(api.h.services, { rows: 2, seatsPerRow: 3 });
    const raw = () =>
      fetch(`${api.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: SEAT_MAP, variables: { id: other.showId } }),
      });
    const executed = await raw();
    const executedText = await executed.text();
    api.h.resetStatements();
    const cached = await raw();
    const cachedText = await cached.text();
    expect(api.h.statements.filter((s) => !/pg_catalog\.pg_type/.test(s))).toHaveLength(1);
    expect(cachedText).toBe(executedText);
    expect(cachedText).toBe(`${JSON.stringify(JSON.parse(executedText))}\n`);
    expect(cached.headers.get('content-type')).toBe(executed.headers.get('content-type'));
    expect(JSON.parse(cachedText).data.show.seatMap.seats).toHaveLength(6);
  });

  it('shows a new hold as soon as it is numbered: a new version is a miss', async () => {
    const before = await read();
    await read(); // cached
    const [buyer] = await createCustomers(api.h, 1);
    await api.h.services.holds.placeHold(buyer!, { showId: show.showId, seatIds: [seatIds[0]!] });
    await settle(api.h);
    const after = await read();
    expect(after.statements).toBeGreaterThan(1);
    expect(after.data.show.seatMap.version).toBeGreaterThan(before.data.show.seatMap.version);
    expect(statusOf(after.data, seatIds[0]!)).toBe('HELD');
  });

  it('stops serving a map once a hold in it expires, before the worker releases it', async () => {
    const held = await read();
    expect(statusOf(held.data, seatIds[0]!)).toBe('HELD');
    expect((await read()).statements).toBe(1);
    clock.advance(24 * 3600 * 1000); // far past the hold's expiry; no worker runs here
    const expired = await read();
    expect(expired.statements).toBeGreaterThan(1);
    expect(expired.data.show.seatMap.version).toBe(held.data.show.seatMap.version);
    expect(statusOf(expired.data, seatIds[0]!)).toBe('AVAILABLE');
  });

  it('stops serving a show once its sales window opens or closes, with no new seat version', async () => {
    const other = await createShowFixture(api.h.services, { rows: 1, seatsPerRow: 4 });
    const opensAt = new Date(clock.now().getTime() + 3600_000);
    const closesAt = new Date(opensAt.getTime() + 3600_000);
    await api.h.services.admin.updateShow(SYSTEM_ACTOR, {
      showId: other.showId,
      salesStartAt: opensAt,
      salesEndAt: closesAt,
    });
    const query = `query($id: ID!) { show(id: $id) { id onSale seatMap { version } } }`;
    const onSale = async () => {
      const res = await read(other.showId, query);
      return { onSale: (res.body.data as { show: { onSale: boolean } }).show.onSale, statements: res.statements };
    };
    expect(await onSale()).toMatchObject({ onSale: false });
    expect(await onSale()).toEqual({ onSale: false, statements: 1 });
    clock.advance(opensAt.getTime() - clock.now().getTime());
    expect((await onSale()).onSale).toBe(true);
    expect(await onSale()).toEqual({ onSale: true, statements: 1 });
    clock.advance(closesAt.getTime() - clock.now().getTime());
    expect((await onSale()).onSale).toBe(false);
  });

  it('runs concurrent misses of one request once and gives every caller the same answer', async () => {
    const [buyer] = await createCustomers(api.h, 1);
    await api.h.services.holds.placeHold(buyer!, { showId: show.showId, seatIds: [seatIds[5]!] });
    await settle(api.h);
    api.h.resetStatements();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postGraphql(api.base, { query: SEAT_MAP, variables: { id: show.showId } })),
    );
    const seatMapReads = api.h.statements.filter((s) => /json_agg/.test(s)).length;
    expect(seatMapReads).toBe(1);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body).toEqual(answers[0]!.body);
      expect(statusOf(a.body.data as SeatMapData, seatIds[5]!)).toBe('HELD');
    }
  });

  it('keeps no errors: unknown shows and bad ids are executed every time', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (let i = 0; i < 2; i++) {
      const res = await read(unknown);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ show: null });
    }
    for (let i = 0; i < 2; i++) {
      const res = await read('not-an-id');
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });

  it('leaves other operations alone: with another root field they are executed, the version never read', async () => {
    for (const other of ['cities { id }', 'me { id }']) {
      const query = `query($id: ID!) { show(id: $id) { id event { title } } ${other} }`;
      for (let i = 0; i < 2; i++) {
        const res = await read(show.showId, query);
        expect(res.body.data.show.id).toBe(show.showId);
        expect(api.h.statements.filter((s) => /show_seat_versions/.test(s))).toHaveLength(0);
        expect(api.h.statements.filter((s) => /from "events"|from events/i.test(s)).length).toBe(1);
      }
    }
  });

  it('is off with a max age of 0', async () => {
    const off = await startApiServer({ showCacheMaxAgeMs: 0 }, api.h);
    try {
      for (let i = 0; i < 2; i++) {
        api.h.resetStatements();
        await postGraphql(off.base, { query: SEAT_MAP, variables: { id: show.showId } });
        expect(api.h.statements.filter((s) => /json_agg/.test(s))).toHaveLength(1);
      }
    } finally {
      await off.close();
    }
  });
});

describe('what the cache may serve to anyone', () => {
  it('reaches only public catalog types from Show (a new type here needs a look at show-response-cache.ts)', () => {
    const seen = new Set<string>();
    const visit = (type: GraphQLNamedType) => {
      if (seen.has(type.name) || !isObjectType(type)) return;
      seen.add(type.name);
      for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
    };
    visit(schema.getType('Show')!);
    expect([...seen].sort()).toEqual([
      'Availability',
      'CancellationPolicy',
      'City',
      'Event',
      'Money',
      'RefundTier',
      'Screen',
      'SeatMap',
      'Section',
      'Show',
      'ShowSeat',
      'Venue',
    ]);
  });
});
