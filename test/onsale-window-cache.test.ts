import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';
import { createManualClock } from '../src/domain/clock.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { HOUR, tag } from './helpers/catalog.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { anonymous, gql, HOLD, quickCustomers, showWithWindow, type Caller } from './helpers/onsale.js';

// `Show.onSale` says whether seats can be held right now. The server reuses whole `show(id)`
// answers while the seat version is unchanged (for at most SHOW_CACHE_MAX_AGE_MS, 5 s by
// default, and never past the next hold expiry), but the sales window opens and closes at an
// instant no seat change marks: these tests read `onSale` at the edges through the default server.

const T0 = new Date('2026-12-01T10:00:00.000Z');
const clock = createManualClock(T0);
let h: Harness;
let api: ApiServer;
let buyers: Caller[];
let cityId: string;

beforeAll(async () => {
  h = await createHarness({ clock });
  api = await startApiServer({}, h);
  buyers = await quickCustomers(h, 2);
  cityId = (await h.services.admin.createCity(SYSTEM_ACTOR, { name: `City ${tag()}`, country: 'DE' })).id;
});
afterAll(async () => {
  await api.close();
  await h.close();
});

const at = (ms: number) => new Date(ms);
const ON_SALE = `query($id: ID!) { show(id: $id) { id onSale } }`;
const onSale = async (id: string) => (await gql(api, anonymous, ON_SALE, { id })).data!.show.onSale;
const hold = (who: Caller, showId: string, seatId: string) =>
  gql(api, who, HOLD, { input: { showId, seatIds: [seatId] } });

describe('Show.onSale with the show response cache on (the default)', () => {
  it('turns true at salesStartAt, when holds start to succeed', async () => {
    clock.set(T0);
    const opensAt = T0.getTime() + HOUR;
    const s = await showWithWindow(h.services, {
      cityId,
      startsAt: at(T0.getTime() + 48 * HOUR),
      salesStartAt: at(opensAt),
    });
    clock.set(at(opensAt - 1));
    expect(await onSale(s.show.id)).toBe(false);
    clock.set(at(opensAt));
    expect(await onSale(s.show.id)).toBe(true);
    expect((await hold(buyers[0]!, s.show.id, s.seatIds[0]!)).errors).toBeUndefined();
  });

  it('turns false at salesEndAt, when holds start to be refused', async () => {
    clock.set(T0);
    const closesAt = T0.getTime() + HOUR;
    const s = await showWithWindow(h.services, {
      cityId,
      startsAt: at(T0.getTime() + 48 * HOUR),
      salesEndAt: at(closesAt),
    });
    clock.set(at(closesAt - 1));
    expect(await onSale(s.show.id)).toBe(true);
    clock.set(at(closesAt));
    expect(await onSale(s.show.id)).toBe(false);
    const refused = await hold(buyers[1]!, s.show.id, s.seatIds[0]!);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ON_SALE', reason: 'CLOSED' });
  });
});
