import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import { createShowFixture } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { seatStates } from '../helpers/seats.js';
import { createCustomers } from '../helpers/users.js';
import {
  HOLD,
  applyChanges,
  consecutive,
  seatMapOf,
  startInProcessApi,
  versionsOf,
  watchSeats,
  type SeatWatcher,
} from './helpers.js';

let h: Harness;
let api: Awaited<ReturnType<typeof startInProcessApi>>;
const watchers: SeatWatcher[] = [];
const watch = (...args: Parameters<typeof watchSeats>) => {
  const w = watchSeats(...args);
  watchers.push(w);
  return w;
};

beforeAll(async () => {
  h = await createHarness();
  api = await startInProcessApi(h);
});
afterAll(async () => {
  await Promise.all(watchers.map((w) => w.dispose()));
  await api?.stop();
  await h?.close();
});

/** Holds one seat for each of `n` users, all at once; returns the hold results. */
async function holdEach(showId: string, seatIds: string[]) {
  const users = await createCustomers(h, seatIds.length);
  return Promise.all(seatIds.map((id, i) => h.exec(HOLD, { input: { showId, seatIds: [id] } }, users[i])));
}

describe('seatChanged (in-process pub/sub)', () => {
  it('streams a hold as the next version with the seat HELD', async () => {
    const f = await createShowFixture(h.services, { rows: 2, seatsPerRow: 5 });
    const [seat] = await seatStates(h, f.showId);
    const { version } = await seatMapOf(api.httpUrl, f.showId);
    const w = watch(api.wsUrl, f.showId, version);
    await new Promise((r) => setTimeout(r, 100));
    const [res] = await holdEach(f.showId, [seat!.id]);
    expect(res!.errors).toBeUndefined();
    await w.until(() => w.events.length >= 1);
    expect(w.events[0]).toMatchObject({ showId: f.showId, version: version + 1, snapshot: false });
    expect(w.events[0]!.seats).toEqual([{ id: seat!.id, status: 'HELD', label: seat!.label }]);
  });

  it('replays what a client missed after afterVersion, then streams live: seat map + deltas = final seat map', async () => {
    const f = await createShowFixture(h.services, { rows: 4, seatsPerRow: 10 });
    const seats = await seatStates(h, f.showId);
    const initial = await seatMapOf(api.httpUrl, f.showId);
    await holdEach(f.showId, seats.slice(0, 10).map((s) => s.id)); // missed while away
    const w = watch(api.wsUrl, f.showId, initial.version);
    await w.until(() => w.events.length >= 10);
    await holdEach(f.showId, seats.slice(10, 20).map((s) => s.id)); // live
    const final = await waitForVersion(f.showId, initial.version + 20);
    await w.until(() => w.lastVersion() === final.version);
    expect(versionsOf(w.events)).toEqual(consecutive(initial.version + 1, final.version));
    expect(applyChanges(initial.map, w.events)).toEqual(final.map);
  });

  it('without afterVersion streams live changes only', async () => {
    const f = await createShowFixture(h.services, { rows: 1, seatsPerRow: 6 });
    const seats = await seatStates(h, f.showId);
    await holdEach(f.showId, [seats[0]!.id]);
    const before = await waitForVersion(f.showId, 1);
    const w = watch(api.wsUrl, f.showId);
    await new Promise((r) => setTimeout(r, 200));
    await holdEach(f.showId, [seats[1]!.id]);
    await w.until(() => w.events.length >= 1);
    expect(versionsOf(w.events)).toEqual([before.version + 1]);
  });

  it('answers bad arguments with the contract error codes, as on HTTP', async () => {
    const f = await createShowFixture(h.services, { rows: 1, seatsPerRow: 2 });
    const cases: [string, number | null, string, string | undefined][] = [
      ['not-an-id', null, 'BAD_USER_INPUT', 'showId'],
      ['00000000-0000-4000-8000-000000000000', null, 'NOT_FOUND', undefined],
      [f.showId, -1, 'BAD_USER_INPUT', 'afterVersion'],
      [f.showId, 5, 'BAD_USER_INPUT', 'afterVersion'],
    ];
    for (const [showId, after, code, field] of cases) {
      const w = watch(api.wsUrl, showId, after);
      await w.until(() => w.completed || w.errors.length > 0);
      expect(w.errors).toEqual([
        expect.objectContaining({ path: ['seatChanged'], extensions: expect.objectContaining({ code, ...(field ? { field } : {}) }) }),
      ]);
    }
  });

  it('executes each change once per process, not per subscriber, and queries nothing per event', async () => {
    const f = await createShowFixture(h.services, { rows: 3, seatsPerRow: 10 });
    const seats = await seatStates(h, f.showId);
    const ws = Array.from({ length: 40 }, () => watch(api.wsUrl, f.showId));
    await new Promise((r) => setTimeout(r, 500));
    const field = schema.getSubscriptionType()!.getFields()['seatChanged']!;
    const resolve = field.resolve!;
    let executions = 0;
    field.resolve = (...args) => {
      executions += 1;
      return resolve(...args);
    };
    h.resetStatements();
    try {
      await holdEach(f.showId, seats.slice(0, 10).map((s) => s.id));
      await untilVersion(f.showId, 10);
      await Promise.all(ws.map((w) => w.until(() => w.lastVersion() === 10)));
    } finally {
      field.resolve = resolve;
    }
    expect(executions).toBe(10);
    const feedReads = h.statements.filter((q) => /json_build_array\(ss\.id|and version > /.test(q));
    expect(feedReads).toEqual([]);
    // 10 holds, their sequencing and relaying, whatever the number of subscribers.
    expect(h.statements.length).toBeLessThan(150);
  });

  it('the worker releasing an expired hold reaches subscribers', async () => {
    const f = await createShowFixture(h.services, { rows: 1, seatsPerRow: 4 });
    const [seat] = await seatStates(h, f.showId);
    const [user] = await createCustomers(h, 1);
    await h.exec(HOLD, { input: { showId: f.showId, seatIds: [seat!.id] } }, user);
    const held = await waitForVersion(f.showId, 1);
    const w = watch(api.wsUrl, f.showId, held.version);
    await new Promise((r) => setTimeout(r, 100));
    // Time runs out for the hold (the worker's clock is the database's: move the hold back).
    await h.db.db.execute(sql`update holds set expires_at = now() - interval '1 second' where show_id = ${f.showId}`);
    await h.db.db.execute(sql`update show_seats set hold_expires_at = now() - interval '1 second' where show_id = ${f.showId} and status = 'HELD'`);
    await w.until(() => w.events.length >= 1, 5_000);
    expect(w.events[0]).toMatchObject({ version: held.version + 1, seats: [{ id: seat!.id, status: 'AVAILABLE' }] });
  });
});

/** Waits until the sequencer (in the in-process worker) numbered the show up to `version`. */
async function untilVersion(showId: string, version: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await h.db.db.execute<{ v: number }>(
      sql`select version as v from show_seat_versions where show_id = ${showId}`,
    );
    if (row!.v >= version) return;
    if (Date.now() > deadline) throw new Error(`version ${row!.v} < ${version}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** The API's seat map once its version reached `version`. */
async function waitForVersion(showId: string, version: number) {
  await untilVersion(showId, version);
  return seatMapOf(api.httpUrl, showId);
}
