import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createTicketCodec } from '../src/domain/bookings/tickets.js';
import { TEST_CONFIG } from './helpers/harness.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import {
  CANCEL,
  confirm,
  createPaymentsHarness,
  GET_BOOKING,
  hold,
  type PaymentsHarness,
} from './helpers/payments.js';
import { seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

const CHECK_IN = `mutation($code: String!, $showId: ID) { checkIn(code: $code, showId: $showId) { id reference checkedInAt } }`;
let p: PaymentsHarness;
let f: ShowFixture;
let seats: Awaited<ReturnType<typeof seatStates>>;
let users: Viewer[];
let admin: Viewer;

beforeAll(async () => {
  // Shows here start in 3 days: doors open a week before (the door window: bookings-check-in.test.ts).
  p = await createPaymentsHarness({
    config: { ticketSecret: 'ticket-secret-for-tests-0123456789abcdef', doorsOpenSeconds: 7 * 24 * 3600 },
  });
  f = await createShowFixture(p.h.services, { rows: 1, seatsPerRow: 8 });
  seats = await seatStates(p.h, f.showId);
  users = await createCustomers(p.h, 3);
  admin = await p.h.admin();
});
afterAll(() => p.close());

async function bookedTicket(viewer: Viewer, index: number) {
  const holdId = await hold(p, viewer, f.showId, [seats[index]!.id]);
  const booking = (await confirm(p, viewer, holdId, 'pm_card_visa', `ticket-${holdId}`)).data!.confirmBooking;
  return { id: booking.id as string, code: booking.ticket.code as string };
}
const checkIn = (code: string, viewer: Viewer | null = admin, showId?: string) =>
  p.h.exec<any>(CHECK_IN, { code, ...(showId ? { showId } : {}) }, viewer);

describe('tickets', () => {
  it('confirmed bookings carry a signed code and its QR code as SVG', async () => {
    const { id, code } = await bookedTicket(users[0]!, 0);
    const read = await p.h.exec<any>(GET_BOOKING, { id }, users[0]);
    expect(read.data.booking.ticket.code).toBe(code);
    expect(read.data.booking.ticket.qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // Verifiable offline with the secret alone, and the code names the booking.
    expect(createTicketCodec('ticket-secret-for-tests-0123456789abcdef').verify(code)).toBe(id);
    expect(createTicketCodec(TEST_CONFIG.jwtSecret).verify(code)).toBeUndefined();
  });

  it('check-in works once; a second scan is TICKET_ALREADY_USED', async () => {
    const { id, code } = await bookedTicket(users[0]!, 1);
    const first = await checkIn(code);
    expect(first.errors).toBeUndefined();
    expect(first.data.checkIn).toMatchObject({ id, checkedInAt: expect.any(String) });
    const second = await checkIn(code);
    expect(second.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TICKET_ALREADY_USED',
      checkedInAt: first.data.checkIn.checkedInAt,
    });
    const [a, b] = await Promise.all([checkIn((await bookedTicket(users[1]!, 2)).code), checkIn(code)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors?.[0]?.extensions?.['reason']).toBe('TICKET_ALREADY_USED');
  });

  it('concurrent scans of one ticket: exactly one gets in', async () => {
    const { code } = await bookedTicket(users[1]!, 3);
    const results = await Promise.all(Array.from({ length: 8 }, () => checkIn(code)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
  });

  it('forged, altered and foreign codes are TICKET_INVALID; other shows’ tickets WRONG_SHOW', async () => {
    const { code } = await bookedTicket(users[2]!, 4);
    const [v, id, sig] = code.split('.');
    const forged = createTicketCodec('another-secret-another-secret-0123456789').codeFor(
      '00000000-0000-4000-8000-000000000001',
    );
    for (const bad of [
      forged,
      `${v}.${id}.${sig!.slice(0, -2)}AA`,
      `${v}.AAAA${id!.slice(4)}.${sig}`,
      'hello',
      '',
    ]) {
      expect((await checkIn(bad)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'TICKET_INVALID',
      });
    }
    const other = await createShowFixture(p.h.services, { rows: 1, seatsPerRow: 1 });
    expect((await checkIn(code, admin, other.showId)).errors?.[0]?.extensions?.['reason']).toBe('WRONG_SHOW');
    expect((await checkIn(code, admin, f.showId)).errors).toBeUndefined();
  });

  it('a cancelled booking’s ticket is refused; only admins check in', async () => {
    const { id, code } = await bookedTicket(users[2]!, 5);
    expect((await checkIn(code, users[2]!)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await checkIn(code, null)).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    await p.h.exec(CANCEL, { input: { bookingId: id } }, users[2]);
    expect((await checkIn(code)).errors?.[0]?.extensions?.['reason']).toBe('BOOKING_NOT_CONFIRMED');
  });
});
