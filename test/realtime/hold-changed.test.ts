import { sql } from 'drizzle-orm';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../src/realtime/topics.js';
import { createShowFixture, type ShowFixture } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { seatStates } from '../helpers/seats.js';
import { HOLD, RELEASE, startInProcessApi } from './helpers.js';

const HOLD_CHANGED = `subscription W($id: ID!) {
  holdChanged(holdId: $id) { kind hold { id status expiresAt seats { id status } } }
}`;
const EXTEND = `mutation E($id: ID!) { extendHold(holdId: $id) { id expiresAt } }`;

interface HoldChange {
  kind: string;
  hold: { id: string; status: string; expiresAt: string; seats: { id: string; status: string }[] };
}

let h: Harness;
let api: Awaited<ReturnType<typeof startInProcessApi>>;
let show: ShowFixture;
let seatIds: string[];
const clients: Client[] = [];

beforeAll(async () => {
  h = await createHarness({ config: { live: { expiringSoonSeconds: 2 } } });
  api = await startInProcessApi(h);
  show = await createShowFixture(h.services, { rows: 2, seatsPerRow: 10 });
  seatIds = (await seatStates(h, show.showId)).map((s) => s.id);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await api?.stop();
  await h?.close();
});

let nextSeat = 0;
async function placeHold(viewer: Awaited<ReturnType<Harness['customer']>>) {
  const res = await h.exec<{ holdSeats: { id: string } }>(
    HOLD,
    { input: { showId: show.showId, seatIds: [seatIds[nextSeat++]!] } },
    viewer,
  );
  return res.data!.holdSeats.id;
}

function watchHold(holdId: string, token?: string) {
  const client = createClient({
    url: api.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...(token ? { connectionParams: { authorization: `Bearer ${token}` } } : {}),
  });
  clients.push(client);
  const changes: HoldChange[] = [];
  const errors: { extensions?: { code?: string } }[] = [];
  let completed = false;
  client.subscribe<{ holdChanged: HoldChange }>(
    { query: HOLD_CHANGED, variables: { id: holdId } },
    {
      next: (r) => {
        if (r.data) changes.push(r.data.holdChanged);
        if (r.errors) errors.push(...(r.errors as unknown as typeof errors));
      },
      error: (e) => errors.push(e as (typeof errors)[number]),
      complete: () => (completed = true),
    },
  );
  const until = async (check: () => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify({ changes, errors, completed })}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { changes, errors, until, kinds: () => changes.map((c) => c.kind), done: () => completed };
}

const settleSubscribe = () => new Promise((r) => setTimeout(r, 150));

describe('holdChanged', () => {
  it('tells the owner EXTENDED, then RELEASED with the seats back on sale, then completes', async () => {
    const owner = await h.customer();
    const holdId = await placeHold(owner);
    const w = watchHold(holdId, owner.token);
    await settleSubscribe();
    const extended = await h.exec<{ extendHold: { expiresAt: string } }>(EXTEND, { id: holdId }, owner);
    await w.until(() => w.changes.length >= 1);
    expect(w.changes[0]).toMatchObject({ kind: 'EXTENDED', hold: { id: holdId, status: 'ACTIVE', expiresAt: extended.data!.extendHold.expiresAt } });
    await h.exec(RELEASE, { id: holdId }, owner);
    await w.until(() => w.done());
    expect(w.kinds()).toEqual(['EXTENDED', 'RELEASED']);
    expect(w.changes[1]!.hold.status).toBe('RELEASED');
    expect(w.changes[1]!.hold.seats.map((s) => s.status)).toEqual(['AVAILABLE']);
  });

  it('says EXPIRING_SOON before the hold runs out and EXPIRED when it does', async () => {
    const owner = await h.customer();
    const holdId = await placeHold(owner);
    await h.db.db.execute(sql`update holds set expires_at = now() + interval '2.8 seconds' where id = ${holdId}`);
    await h.db.db.execute(sql`update show_seats set hold_expires_at = (select expires_at from holds where id = ${holdId}) where hold_id = ${holdId}`);
    const w = watchHold(holdId, owner.token);
    await w.until(() => w.changes.length >= 1, 3_000);
    expect(w.kinds()).toEqual(['EXPIRING_SOON']);
    await w.until(() => w.done(), 5_000);
    expect(w.kinds()).toEqual(['EXPIRING_SOON', 'EXPIRED']);
    expect(w.changes[1]!.hold.status).toBe('EXPIRED');
  });

  it('says RELEASED when a new hold of the owner on the same show replaces it (seen in the seat-change log)', async () => {
    const owner = await h.customer();
    const first = await placeHold(owner);
    const w = watchHold(first, owner.token);
    await settleSubscribe();
    await placeHold(owner);
    await w.until(() => w.done());
    expect(w.kinds()).toEqual(['RELEASED']);
  });

  it('says CONVERTED when the hold became a booking', async () => {
    const owner = await h.customer();
    const holdId = await placeHold(owner);
    const w = watchHold(holdId, owner.token);
    await settleSubscribe();
    // Stand-in for confirmBooking's commit: the hold is converted, then its change is announced.
    await h.db.db.execute(sql`update holds set status = 'CONVERTED', ended_at = now() where id = ${holdId}`);
    await h.services.pubsub.publish(topics.hold(holdId), { holdId });
    await w.until(() => w.done());
    expect(w.kinds()).toEqual(['CONVERTED']);
  });

  it('sends how an already-ended hold ended, then completes', async () => {
    const owner = await h.customer();
    const holdId = await placeHold(owner);
    await h.exec(RELEASE, { id: holdId }, owner);
    const w = watchHold(holdId, owner.token);
    await w.until(() => w.done());
    expect(w.kinds()).toEqual(['RELEASED']);
  });

  it('is for the owner: anonymous, another customer and unknown holds get the contract errors', async () => {
    const owner = await h.customer();
    const other = await h.customer();
    const holdId = await placeHold(owner);
    const cases: [string, string | undefined, string][] = [
      [holdId, undefined, 'UNAUTHENTICATED'],
      [holdId, other.token, 'FORBIDDEN'],
      ['00000000-0000-4000-8000-000000000000', owner.token, 'NOT_FOUND'],
      ['nope', owner.token, 'BAD_USER_INPUT'],
    ];
    for (const [id, token, code] of cases) {
      const w = watchHold(id, token);
      await w.until(() => w.errors.length > 0);
      expect(w.errors[0]!.extensions?.code).toBe(code);
      expect(w.changes).toEqual([]);
    }
  });
});
