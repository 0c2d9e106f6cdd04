import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import { createManualClock } from '../src/domain/clock.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { HOUR, tag } from './helpers/catalog.js';
import { createHarness, type Harness } from './helpers/harness.js';
import {
  adminCaller,
  gql,
  HOLD,
  lockWaiters,
  quickCustomers,
  showWithWindow,
  until,
  type Caller,
} from './helpers/onsale.js';
import { checkSeatInvariants, seatChangeLog, seatStates, showVersion } from './helpers/seats.js';

// The sales window is checked inside the hold's own transaction, not only by the read before it:
// a window that closes between the two refuses the hold, and the hold leaves nothing behind.

const T0 = new Date('2026-12-01T10:00:00.000Z');
const clock = createManualClock(T0);
let h: Harness;
let api: ApiServer;
let admin: Caller;
let buyers: Caller[];
let cityId: string;
let next = 0;

beforeAll(async () => {
  h = await createHarness({ clock, poolMax: 30 });
  api = await startApiServer({ showCacheMaxAgeMs: 0 }, h);
  admin = await adminCaller(h);
  buyers = await quickCustomers(h, 60);
  cityId = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' })).id;
});
afterAll(async () => {
  await api.close();
  await h.close();
});

const UPDATE_SHOW = `mutation($input: UpdateShowInput!) { updateShow(input: $input) { id onSale } }`;
const CANCEL_SHOW = `mutation($id: ID!) { cancelShow(showId: $id) { id status } }`;
const ARCHIVE_SHOW = `mutation($input: ArchiveShowInput!) { archiveShow(input: $input) { id archivedAt } }`;
const hold = (who: Caller, showId: string, seatIds: string[]) =>
  gql(api, who, HOLD, { input: { showId, seatIds } });

const holdsWaiting = () => lockWaiters(h, '%boxoffice_place_hold%');

/**
 * Places a hold whose read-before saw the show on sale, then, while its transaction waits for
 * the buyer's row (locked here, as a concurrent request of the same buyer would), runs `close`;
 * returns the hold's answer once the lock is let go.
 */
async function holdAcross(close: () => Promise<void>, showId: string, seatIds: string[], who: Caller) {
  const conn = await h.db.sql.reserve();
  try {
    await conn`begin`;
    await conn`select 1 from users where id = ${who.viewer!.id} for update`;
    const pending = hold(who, showId, seatIds);
    await until(async () => (await holdsWaiting()) === 1, 'the hold to wait for the buyer lock');
    await close();
    await conn`commit`;
    return await pending;
  } finally {
    conn.release();
  }
}

const newShow = () =>
  showWithWindow(h.services, { cityId, startsAt: new Date(T0.getTime() + 48 * HOUR), rows: 5, seats: 10 });

const closers: { name: string; close: (showId: string) => Promise<unknown> }[] = [
  {
    name: 'updateShow closing the window now',
    close: (showId) =>
      gql(api, admin, UPDATE_SHOW, { input: { showId, salesEndAt: clock.now().toISOString() } }),
  },
  {
    name: 'updateShow moving the opening an hour later',
    close: (showId) =>
      gql(api, admin, UPDATE_SHOW, {
        input: { showId, salesStartAt: new Date(clock.now().getTime() + HOUR).toISOString() },
      }),
  },
  { name: 'cancelShow', close: (showId) => gql(api, admin, CANCEL_SHOW, { id: showId }) },
  { name: 'archiveShow', close: (showId) => gql(api, admin, ARCHIVE_SHOW, { input: { showId } }) },
];

describe('a window that closes between the read and the transaction', () => {
  it.each(closers)('$name: the hold is NOT_ON_SALE and holds nothing', async ({ close }) => {
    clock.set(T0);
    const s = await newShow();
    const version = await showVersion(h, s.show.id);
    const who = buyers[next++]!;
    const res = await holdAcross(
      async () => {
        const closed = (await close(s.show.id)) as { errors?: unknown[] };
        expect(closed.errors).toBeUndefined();
      },
      s.show.id,
      s.seatIds.slice(0, 2),
      who,
    );
    expect(res.errors?.[0]?.extensions?.['code'], JSON.stringify(res)).toBe('NOT_ON_SALE');
    expect(res.data).toBeNull();
    expect((await seatStates(h, s.show.id)).filter((x) => x.status !== 'AVAILABLE')).toEqual([]);
    const [holds] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from holds where user_id = ${who.viewer!.id}`;
    expect(holds!.n).toBe(0);
    const log = await seatChangeLog(h, s.show.id);
    expect(log.filter((c) => c.cause === 'HOLD')).toEqual([]);
    expect(await showVersion(h, s.show.id)).toBe(version + log.filter((c) => c.version > version).length);
    expect(await checkSeatInvariants(h, s.show.id)).toEqual([]);
  });

  it('the refusal says why as of the transaction (opens later: NOT_YET_OPEN with salesStartAt)', async () => {
    clock.set(T0);
    const s = await newShow();
    const opensAt = new Date(T0.getTime() + HOUR);
    const res = await holdAcross(
      async () => {
        await gql(api, admin, UPDATE_SHOW, {
          input: { showId: s.show.id, salesStartAt: opensAt.toISOString() },
        });
      },
      s.show.id,
      [s.seatIds[0]!],
      buyers[next++]!,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_ON_SALE',
      reason: 'NOT_YET_OPEN',
      salesStartAt: opensAt.toISOString(),
    });
  });
});

describe('updateShow racing many holds', () => {
  it('holds sent after the window closed all fail; the ones that won hold exactly their seats', async () => {
    clock.set(T0);
    const s = await newShow();
    const version = await showVersion(h, s.show.id);
    const racers = buyers.slice(next, next + 40);
    next += 40;
    let firstWin!: () => void;
    const someoneWon = new Promise<void>((resolve) => (firstWin = resolve));
    let closedAt = Infinity;
    const attempt = async (i: number) => {
      const sentAt = performance.now();
      const res = await hold(racers[i]!, s.show.id, [s.seatIds[i]!]);
      if (!res.errors) firstWin();
      return { sentAt, seat: s.seatIds[i]!, res };
    };
    // 35 holds over ~70 ms; the window closes once one has won; 5 more holds come after that.
    const early = Array.from({ length: 35 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 2)).then(() => attempt(i)),
    );
    const closing = someoneWon.then(async () => {
      const res = await gql(api, admin, UPDATE_SHOW, {
        input: { showId: s.show.id, salesEndAt: clock.now().toISOString() },
      });
      closedAt = performance.now();
      expect(res.errors).toBeUndefined();
    });
    const late = closing.then(() => Promise.all([35, 36, 37, 38, 39].map(attempt)));
    const results = [...(await Promise.all(early)), ...(await late)];

    const won = results.filter((r) => !r.res.errors);
    const lost = results.filter((r) => r.res.errors);
    for (const r of lost) expect(r.res.errors![0]!.extensions!['code']).toBe('NOT_ON_SALE');
    for (const r of results.filter((x) => x.sentAt > closedAt)) expect(r.res.errors).toBeDefined();
    expect(won.length).toBeGreaterThan(0);
    expect(lost.length).toBeGreaterThanOrEqual(5);

    const held = (await seatStates(h, s.show.id)).filter((x) => x.status === 'HELD').map((x) => x.id);
    expect(held.sort()).toEqual(won.map((r) => r.seat).sort());
    expect(await showVersion(h, s.show.id)).toBe(version + won.length);
    expect(await checkSeatInvariants(h, s.show.id)).toEqual([]);
    const [holds] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from holds where show_id = ${s.show.id}`;
    expect(holds!.n).toBe(won.length);
  });
});
