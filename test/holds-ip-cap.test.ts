import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql, startApiServer, type ApiServer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, TEST_CONFIG } from './helpers/harness.js';
import { checkSeatInvariants } from './helpers/seats.js';

/**
 * The per-IP cap on seats held per show (RATE_LIMIT_IP_HELD_SEATS_PER_SHOW) through the real HTTP
 * server. The review's attack: free accounts made from one IP, each holding a few seats, held 518
 * of 518 seats of a show. The server trusts X-Forwarded-For from loopback, so each test plays its
 * clients from its own IPs.
 */
const CAP = 20;
let api: ApiServer;
let show: ShowFixture;
let seatIds: string[];
let ipCounter = 0;
const freshIp = () => `10.9.0.${++ipCounter}`;

beforeAll(async () => {
  const h = await createHarness({ config: { holds: { ...TEST_CONFIG.holds, ipHeldSeatsPerShow: CAP } } });
  api = await startApiServer({ trustProxy: 'loopback' }, h);
  show = await createShowFixture(h.services, { rows: 20, seatsPerRow: 12 });
  const map = await h.exec<{ show: { seatMap: { seats: { id: string }[] } } }>(
    `{ show(id: "${show.showId}") { seatMap { seats { id } } } }`,
  );
  seatIds = map.data!.show.seatMap.seats.map((s) => s.id);
});
afterAll(async () => {
  await api?.close();
  await api?.h.close();
});

const HOLD = 'mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id seats { id } } }';
const RELEASE = 'mutation($id: ID!) { releaseHold(holdId: $id) { status } }';
const hold = (ip: string, token: string, seats: string[]) =>
  postGraphql(
    api.base,
    { query: HOLD, variables: { input: { showId: show.showId, seatIds: seats } } },
    { 'x-forwarded-for': ip, authorization: `Bearer ${token}` },
  );
const heldSeats = async () =>
  Number(
    (
      await api.h.db.sql<{ n: number }[]>`
        select count(*)::int as n from show_seats where show_id = ${show.showId} and status = 'HELD'`
    )[0]!.n,
  );
let nextSeat = 0;
const takeSeats = (n: number) => seatIds.slice(nextSeat, (nextSeat += n));

describe('per-IP cap on seats held per show', () => {
  it('many fresh accounts from one IP, holding at once, never hold more than the cap', async () => {
    const ip = freshIp();
    const buyers = await Promise.all(Array.from({ length: 30 }, () => api.h.customer()));
    const answers = await Promise.all(buyers.map((b) => hold(ip, b.token, takeSeats(3))));
    const ok = answers.filter((a) => a.body.data?.holdSeats);
    const refused = answers.filter((a) => a.body.errors);
    // 20 seats fit 6 holds of 3; every other one is refused, whatever order they ran in.
    expect(ok).toHaveLength(6);
    expect(refused).toHaveLength(24);
    for (const r of refused) {
      expect(r.status).toBe(200);
      expect(r.body.errors![0]!.extensions).toMatchObject({
        code: 'HOLD_LIMIT_REACHED',
        reason: 'IP_HELD_SEATS_PER_SHOW',
        limit: CAP,
      });
    }
    expect(await heldSeats()).toBe(18);
    expect(await checkSeatInvariants(api.h, show.showId)).toEqual([]);

    // Another client IP has its own cap.
    const other = await api.h.customer();
    expect((await hold(freshIp(), other.token, takeSeats(3))).body.data?.holdSeats).toBeTruthy();

    // Releasing a hold gives its seats back to the IP's cap.
    const first = ok[0]!.body.data!.holdSeats as { id: string };
    const owner = buyers[answers.indexOf(ok[0]!)]!;
    await postGraphql(api.base, { query: RELEASE, variables: { id: first.id } }, {
      'x-forwarded-for': ip,
      authorization: `Bearer ${owner.token}`,
    });
    const later = await api.h.customer();
    expect((await hold(ip, later.token, takeSeats(5))).body.data?.holdSeats).toBeTruthy();
  });

  it('a new hold replacing the buyer’s own hold on the show does not count the old one', async () => {
    const ip = freshIp();
    const buyer = await api.h.customer();
    expect((await hold(ip, buyer.token, takeSeats(10))).body.data?.holdSeats).toBeTruthy();
    // The replacement's 10 seats fit: the 10 it replaces are given back in the same transaction.
    const replaced = await hold(ip, buyer.token, takeSeats(10));
    expect(replaced.body.data?.holdSeats.seats).toHaveLength(10);
    const second = await api.h.customer();
    const over = await hold(ip, second.token, takeSeats(10));
    expect(over.body.data?.holdSeats.seats).toHaveLength(10);
    const third = await api.h.customer();
    const refused = await hold(ip, third.token, takeSeats(1));
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'HOLD_LIMIT_REACHED', heldFromIp: 20 });
  });

  it('an expired hold no longer counts against its IP', async () => {
    const ip = freshIp();
    const buyer = await api.h.customer();
    const placed = await hold(ip, buyer.token, takeSeats(10));
    const holdId = (placed.body.data!.holdSeats as { id: string }).id;
    await api.h.db.sql`update holds set expires_at = now() - interval '1 second' where id = ${holdId}`;
    const other = await api.h.customer();
    expect((await hold(ip, other.token, takeSeats(10))).body.data?.holdSeats.seats).toHaveLength(10);
    const third = await api.h.customer();
    expect((await hold(ip, third.token, takeSeats(10))).body.data?.holdSeats.seats).toHaveLength(10);
  });
});
