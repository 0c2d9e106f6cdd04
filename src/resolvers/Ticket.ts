import type { TicketResolvers } from './__generated__/types.js';

export const Ticket: TicketResolvers = {
  qrSvg: (ticket, _arg, { services }) => services.bookings.qrSvg(ticket.code),
};
