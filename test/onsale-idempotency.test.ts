import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from './helpers/api-server.js';
import { HOUR, tag } from './helpers/catalog.js';
import type { Harness } from './helpers/harness.js';
import { createHarness } from './helpers/harness.js';
import {
  adminCaller,
  auditRows,
  fingerprint,
  gql,
  newAuditRows,
  nextShowStart,
  showWithWindow,
  venueScene,
  type Caller,
} from './helpers/onsale.js';
import { showVersion } from './helpers/seats.js';

// Staff mutations take idempotency keys: a retry with the same key and input replays the first
// answer and never runs the command twice, also when both calls run at once; the same key with
// other input (or for another mutation) is IDEMPOTENCY_KEY_REUSED and changes nothing.

let h: Harness;
let api: ApiServer;
let admin: Caller;
let manager: Caller;
let here: Awaited<ReturnType<typeof showWithWindow>>;

beforeAll(async () => {
  h = await createHarness({ poolMax: 20 });
  ({ api, admin, manager, here } = await venueScene(h));
});
afterAll(async () => {
  await api.close();
  await h.close();
});

const SCHEDULE = `mutation($input: ScheduleShowInput!) {
  scheduleShow(input: $input) { id startsAt endsAt salesStartAt salesEndAt onSale currency status }
}`;
const scheduleInput = (startsAt: Date, idempotencyKey: string, amount = 1000) => ({
  eventId: here.event.id,
  screenId: here.screen.id,
  startsAt: startsAt.toISOString(),
  salesStartAt: new Date(startsAt.getTime() - 12 * HOUR).toISOString(),
  prices: [{ section: 'Main', amount }],
  currency: 'EUR',
  idempotencyKey,
});
const showsOfEvent = async () =>
  (await h.db.sql<{ id: string }[]>`select id from shows where event_id = ${here.event.id}`).map((r) => r.id);
const codes = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.map((e) => e.extensions?.['code']);

describe('scheduleShow with an idempotency key', () => {
  it('a retry returns the same show and creates no second one', async () => {
    const input = scheduleInput(nextShowStart(), `k-${tag()}`);
    const before = await showsOfEvent();
    const audit = await auditRows(h);
    const first = await gql(api, manager, SCHEDULE, { input });
    expect(first.errors).toBeUndefined();
    const retry = await gql(api, manager, SCHEDULE, { input });
    expect(retry.data).toEqual(first.data);
    expect(await showsOfEvent()).toEqual([...before, first.data!.scheduleShow.id]);
    expect((await newAuditRows(h, audit)).map((r) => r.action)).toEqual(['show.scheduled']);
    const [seats] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from show_seats where show_id = ${first.data!.scheduleShow.id}`;
    expect(seats!.n).toBe(10);
  });

  it('ten concurrent calls with one key create one show and all answer it', async () => {
    const input = scheduleInput(nextShowStart(), `k-${tag()}`);
    const before = await showsOfEvent();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => gql(api, manager, SCHEDULE, { input })),
    );
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.scheduleShow.id));
    expect(ids.size).toBe(1);
    expect(await showsOfEvent()).toEqual([...before, ...ids]);
  });

  it('other input with the same key is IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const key = `k-${tag()}`;
    const startsAt = nextShowStart();
    expect(
      (await gql(api, manager, SCHEDULE, { input: scheduleInput(startsAt, key) })).errors,
    ).toBeUndefined();
    const before = await fingerprint(h);
    for (const other of [
      scheduleInput(startsAt, key, 1100), // another price
      scheduleInput(nextShowStart(), key), // another time
    ]) {
      expect(codes(await gql(api, manager, SCHEDULE, { input: other }))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    }
    // The same key for another mutation.
    const UPDATE = `mutation($input: UpdateShowInput!) { updateShow(input: $input) { id } }`;
    const update = await gql(api, manager, UPDATE, {
      input: { showId: here.show.id, salesEndAt: null, idempotencyKey: key },
    });
    expect(codes(update)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await fingerprint(h)).toEqual(before);
  });

  it('two concurrent calls with one key and different input: one show, one IDEMPOTENCY_KEY_REUSED', async () => {
    const key = `k-${tag()}`;
    const before = await showsOfEvent();
    const [a, b] = await Promise.all([
      gql(api, manager, SCHEDULE, { input: scheduleInput(nextShowStart(), key) }),
      gql(api, manager, SCHEDULE, { input: scheduleInput(nextShowStart(), key) }),
    ]);
    expect([codes(a), codes(b)].sort()).toEqual([undefined, ['IDEMPOTENCY_KEY_REUSED']].sort());
    expect(await showsOfEvent()).toHaveLength(before.length + 1);
  });

  it('a failed first call leaves the key free for a corrected retry', async () => {
    const key = `k-${tag()}`;
    const taken = here.show.startsAt; // overlaps the scene's show
    const failed = await gql(api, manager, SCHEDULE, { input: scheduleInput(taken, key) });
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startsAt' });
    const fixed = await gql(api, manager, SCHEDULE, { input: scheduleInput(nextShowStart(), key) });
    expect(fixed.errors).toBeUndefined();
  });

  it('keys belong to their caller: another admin with the same key gets its own show', async () => {
    const key = `k-${tag()}`;
    const other = await adminCaller(h);
    const mine = await gql(api, admin, SCHEDULE, { input: scheduleInput(nextShowStart(), key) });
    const theirs = await gql(api, other, SCHEDULE, { input: scheduleInput(nextShowStart(), key) });
    expect(mine.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data!.scheduleShow.id).not.toBe(mine.data!.scheduleShow.id);
  });
});

describe('other staff mutations', () => {
  it('a retried blockSeats is one seat change', async () => {
    const BLOCK = `mutation($input: BlockSeatsInput!) { blockSeats(input: $input) { id } }`;
    const input = { showId: here.show.id, seatIds: [here.seatIds[9]!], idempotencyKey: `k-${tag()}` };
    const version = await showVersion(h, here.show.id);
    const results = await Promise.all([1, 2, 3].map(() => gql(api, manager, BLOCK, { input })));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(await showVersion(h, here.show.id)).toBe(version + 1);
  });

  it('a retried cancelShow (key as an argument) replays its answer', async () => {
    const show = (await gql(api, manager, SCHEDULE, { input: scheduleInput(nextShowStart(), `k-${tag()}`) }))
      .data!.scheduleShow;
    const CANCEL = `mutation($id: ID!, $key: String) { cancelShow(showId: $id, idempotencyKey: $key) { id status } }`;
    const key = `k-${tag()}`;
    const audit = await auditRows(h);
    const first = await gql(api, manager, CANCEL, { id: show.id, key });
    expect(await gql(api, manager, CANCEL, { id: show.id, key })).toMatchObject({ data: first.data });
    expect((await newAuditRows(h, audit)).map((r) => r.action)).toEqual(['show.cancelled']);
    expect(codes(await gql(api, manager, CANCEL, { id: here.show.id, key }))).toEqual([
      'IDEMPOTENCY_KEY_REUSED',
    ]);
  });
});
