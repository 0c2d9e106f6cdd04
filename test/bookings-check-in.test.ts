import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createManualClock } from '../src/domain/clock.js';
import { postGraphqlAs, startApiServer, type ApiServer, type GqlAnswer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { CANCEL, confirm, createPaymentsHarness, hold, type PaymentsHarness } from './helpers/payments.js';
import { seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

/** The door: checkIn admits a ticket only around its show, and a used ticket is not refunded. */
const CHECK_IN = `mutation($code: String!, $showId: ID) { checkIn(code: $code, showId: $showId) { id checkedInAt } }`;
const SET_POLICY = `mutation($input: SetCancellationPolicyInput!) { setCancellationPolicy(input: $input) { tiers { hoursBefore } } }`;
const GET = `query($id: ID!) { booking(id: $id) { status checkedInAt refund { status } seats { status } } }`;
const HOUR = 3_600_000;
const BOOKED_AT = new Date('2026-12-01T10:00:00Z');
const START = new Date('2026-12-10T19:00:00Z');

const clock = createManualClock(BOOKED_AT);
let p: PaymentsHarness;
let api: ApiServer;
let f: ShowFixture;
let endsAt: Date;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];
let admin: Viewer;

beforeAll(async () => {
  p = await createPaymentsHarness({
    clock,
    config: { ticketSecret: 'ticket-secret-for-tests-0123456789abcdef' },
  });
  api = await startApiServer({}, p.h);
  f = await createShowFixture(p.h.services, { rows: 1, seatsPerRow: 8, startsAt: START });
  const [show] = await p.h.db.db.execute<{ endsAt: string }>(
    sql`select ends_at as "endsAt" from shows where id = ${f.showId}`,
  );
  endsAt = new Date(show!.endsAt);
  seats = await seatStates(p.h, f.showId);
  users = await createCustomers(p.h, 4);
  admin = await p.h.admin();
});
afterAll(async () => {
  await api.server.stop();
  await p.close();
});

const gqlAs = (viewer: Viewer, query: string, variables: Record<string, unknown>) =>
  postGraphqlAs(api.base, viewer, query, variables);
async function bookedTicket(viewer: Viewer, index: number) {
  clock.set(BOOKED_AT);
  const holdId = await hold(p, viewer, f.showId, [seats[index]!.id]);
  const booking = (await confirm(p, viewer, holdId, 'pm_card_visa', `door-${holdId}`)).data!.confirmBooking;
  return { id: booking.id as string, code: booking.ticket.code as string };
}
const checkIn = (code: string, showId?: string) =>
  gqlAs(admin, CHECK_IN, { code, ...(showId ? { showId } : {}) });
const extensionsOf = (res: GqlAnswer) => res.errors?.[0]?.extensions;

describe('checkIn: the door window', () => {
  it('before the doors open (2 h before the show by default), with or without showId: DOORS_NOT_OPEN', async () => {
    const { id, code } = await bookedTicket(users[0]!, 0);
    const doorsOpenAt = new Date(START.getTime() - 2 * HOUR);
    for (const at of [BOOKED_AT, new Date(doorsOpenAt.getTime() - 1)]) {
      clock.set(at);
      for (const showId of [undefined, f.showId]) {
        expect(extensionsOf(await checkIn(code, showId))).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'DOORS_NOT_OPEN',
          doorsOpenAt: doorsOpenAt.toISOString(),
        });
      }
    }
    expect((await gqlAs(users[0]!, GET, { id })).data.booking.checkedInAt).toBeNull();
    clock.set(doorsOpenAt);
    const admitted = await checkIn(code);
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data.checkIn).toMatchObject({ id, checkedInAt: doorsOpenAt.toISOString() });
  });

  it('until the show ends; from its end on: SHOW_OVER', async () => {
    const late = await bookedTicket(users[1]!, 1);
    const tooLate = await bookedTicket(users[1]!, 2);
    clock.set(new Date(endsAt.getTime() - 1000));
    expect((await checkIn(late.code, f.showId)).errors).toBeUndefined();
    clock.set(endsAt);
    expect(extensionsOf(await checkIn(tooLate.code))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SHOW_OVER',
    });
    // A used ticket scanned again later is still reported as used.
    expect(extensionsOf(await checkIn(late.code))?.['reason']).toBe('TICKET_ALREADY_USED');
  });
});

describe('cancelBooking after check-in', () => {
  it('is CANCELLATION_NOT_ALLOWED (reason CHECKED_IN), even when the policy still refunds in full', async () => {
    clock.set(BOOKED_AT);
    const policy = await gqlAs(admin, SET_POLICY, {
      input: { showId: f.showId, tiers: [{ hoursBefore: 0, refundPercent: 100 }] },
    });
    expect(policy.errors).toBeUndefined();
    const { id, code } = await bookedTicket(users[2]!, 3);
    clock.set(new Date(START.getTime() - 90 * 60_000));
    expect((await checkIn(code)).errors).toBeUndefined();

    const res = await gqlAs(users[2]!, CANCEL, { input: { bookingId: id, idempotencyKey: `cancel-${id}` } });
    expect(extensionsOf(res)).toMatchObject({ code: 'CANCELLATION_NOT_ALLOWED', reason: 'CHECKED_IN' });
    const byAdmin = await gqlAs(admin, CANCEL, { input: { bookingId: id } });
    expect(extensionsOf(byAdmin)).toMatchObject({ code: 'CANCELLATION_NOT_ALLOWED', reason: 'CHECKED_IN' });
    expect((await gqlAs(users[2]!, GET, { id })).data.booking).toMatchObject({
      status: 'CONFIRMED',
      refund: null,
      seats: [{ status: 'BOOKED' }],
    });
  });

  it('a booking not checked in is still cancelled and refunded by that policy', async () => {
    const { id } = await bookedTicket(users[3]!, 4);
    clock.set(new Date(START.getTime() - 90 * 60_000));
    const res = await gqlAs(users[3]!, CANCEL, { input: { bookingId: id } });
    expect(res.errors).toBeUndefined();
    expect((await gqlAs(users[3]!, GET, { id })).data.booking).toMatchObject({ status: 'CANCELLED' });
  });
});
