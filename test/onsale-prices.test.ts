import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from './helpers/api-server.js';
import { tag } from './helpers/catalog.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import type { Harness } from './helpers/harness.js';
import { createPaymentsHarness, type PaymentsHarness } from './helpers/payments.js';
import {
  fingerprint,
  gql,
  lockWaiters,
  quickCustomers,
  until,
  venueScene,
  type Caller,
} from './helpers/onsale.js';
import { seatStates } from './helpers/seats.js';

// setShowPrices: holds placed from now on pay the new prices; a hold placed before keeps its
// quote (total and each seat's price), and so does the booking made from it and its charge.

let p: PaymentsHarness;
let h: Harness;
let api: ApiServer;
let admin: Caller;
let buyers: Caller[];
let next = 0;
const buyer = () => buyers[next++]!;

beforeAll(async () => {
  p = await createPaymentsHarness();
  h = p.h;
  ({ api, admin } = await venueScene(h));
  buyers = await quickCustomers(h, 12);
});
afterAll(async () => {
  await api.close();
  await p.close();
});

const HOLD = `mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id total { amount } seats { id price { amount } } } }`;
const HOLD_OF = `query($id: ID!) { hold(id: $id) { total { amount } seats { id price { amount } } } }`;
const EXTEND = `mutation($id: ID!) { extendHold(holdId: $id) { total { amount } seats { price { amount } } } }`;
const SET_PRICES = `mutation($input: SetShowPricesInput!) { setShowPrices(input: $input) { id } }`;
const SEAT_MAP = `query($id: ID!) { show(id: $id) { seatMap { sections { name price { amount } } } } }`;
const CONFIRM = `mutation($input: ConfirmBookingInput!) {
  confirmBooking(input: $input) { status total { amount } seats { price { amount } } payment { paymentIntentId } }
}`;

/** Two sections: S1 (rows A-B) at 1500, S2 (rows C-D) at 1000. */
async function twoSections(): Promise<{ f: ShowFixture; seat: (label: string) => string }> {
  const f = await createShowFixture(h.services, { rows: 4, seatsPerRow: 5, sections: 2 });
  const seats = await seatStates(h, f.showId);
  return { f, seat: (label) => seats.find((s) => s.label === label)!.id };
}
const hold = (who: Caller, showId: string, seatIds: string[]) =>
  gql(api, who, HOLD, { input: { showId, seatIds } });
const reprice = (showId: string, prices: { section: string; amount: number }[]) =>
  gql(api, admin, SET_PRICES, { input: { showId, prices } });
const amounts = (seats: { price: { amount: number } }[]) => seats.map((s) => s.price.amount);

describe('setShowPrices', () => {
  it('new holds pay the new price; a held quote, its booking and its charge keep the old one', async () => {
    const { f, seat } = await twoSections();
    const early = buyer();
    const held = await hold(early, f.showId, [seat('A1'), seat('C1')]);
    expect(held.data!.holdSeats.total.amount).toBe(2500);

    expect((await reprice(f.showId, [{ section: 'S1', amount: 4000 }])).errors).toBeUndefined();
    const map = (await gql(api, early, SEAT_MAP, { id: f.showId })).data!.show.seatMap.sections;
    expect(map.map((s: { name: string; price: { amount: number } }) => [s.name, s.price.amount])).toEqual([
      ['S1', 4000],
      ['S2', 1000],
    ]);

    const kept = (await gql(api, early, HOLD_OF, { id: held.data!.holdSeats.id })).data!.hold;
    expect(kept.total.amount).toBe(2500);
    expect(amounts(kept.seats).sort()).toEqual([1000, 1500]);
    const extended = (await gql(api, early, EXTEND, { id: held.data!.holdSeats.id })).data!.extendHold;
    expect(extended.total.amount).toBe(2500);

    const late = await hold(buyer(), f.showId, [seat('A2'), seat('C2')]);
    expect(late.data!.holdSeats.total.amount).toBe(5000);
    expect(amounts(late.data!.holdSeats.seats).sort()).toEqual([1000, 4000]);

    const booked = await gql(api, early, CONFIRM, {
      input: { holdId: held.data!.holdSeats.id, paymentMethodId: 'pm_card_visa', idempotencyKey: tag() },
    });
    const booking = booked.data!.confirmBooking;
    expect(booking).toMatchObject({ status: 'CONFIRMED', total: { amount: 2500 } });
    expect(amounts(booking.seats).sort()).toEqual([1000, 1500]);
    expect(p.fake.ledger.paymentIntents.get(booking.payment.paymentIntentId)!.amount).toBe(2500);
  });

  it('a buyer replacing their hold after the change pays the new price', async () => {
    const { f, seat } = await twoSections();
    const who = buyer();
    expect((await hold(who, f.showId, [seat('A1')])).data!.holdSeats.total.amount).toBe(1500);
    await reprice(f.showId, [{ section: 'S1', amount: 1200 }]);
    expect((await hold(who, f.showId, [seat('A1'), seat('A2')])).data!.holdSeats.total.amount).toBe(2400);
  });

  it.each([
    ['an unknown section', [{ section: 'Balcony', amount: 100 }], 'input.prices[0].section'],
    [
      'a section twice',
      [
        { section: 'S1', amount: 100 },
        { section: 'S1', amount: 200 },
      ],
      'input.prices[1].section',
    ],
    ['a negative amount', [{ section: 'S2', amount: -1 }], 'input.prices[0].amount'],
    ['no price at all', [], 'input.prices'],
  ])('%s is BAD_USER_INPUT and changes nothing', async (_name, prices, field) => {
    const { f } = await twoSections();
    const before = await fingerprint(h);
    const res = await reprice(f.showId, prices);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await fingerprint(h)).toEqual(before);
  });

  it('a hold whose transaction commits after the change pays the new price', async () => {
    const { f, seat } = await twoSections();
    const who = buyer();
    // The hold reads the show (and its prices) first, then waits for its buyer's row, locked
    // here as a concurrent request of the same buyer would; the prices change meanwhile.
    const conn = await h.db.sql.reserve();
    let res: Awaited<ReturnType<typeof hold>>;
    try {
      await conn`begin`;
      await conn`select 1 from users where id = ${who.viewer!.id} for update`;
      const pending = hold(who, f.showId, [seat('C3')]);
      await until(async () => (await lockWaiters(h, '%boxoffice_place_hold%')) === 1, 'the hold to wait');
      expect((await reprice(f.showId, [{ section: 'S2', amount: 2000 }])).errors).toBeUndefined();
      await conn`commit`;
      res = await pending;
    } finally {
      conn.release();
    }
    expect(res.errors).toBeUndefined();
    expect(res.data!.holdSeats.total.amount).toBe(2000);
  });
});
