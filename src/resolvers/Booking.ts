import type { BookingResolvers } from './__generated__/types.js';

// Relations go through per-request loaders: a page of bookings costs one statement per field.
export const Booking: BookingResolvers = {
  show: (booking, _arg, { loaders }) => loaders.showById.load(booking.showId),
  seats: (booking, _arg, { loaders }) => loaders.bookingSeats(booking),
  total: (booking) => ({ amount: booking.totalAmount, currency: booking.currency }),
  ticket: (booking, _arg, { services }) => services.bookings.ticket(booking),
  payment: (booking, _arg, { loaders, viewer }) => loaders.bookingPayment(booking, viewer),
  refund: (booking, _arg, { loaders }) => loaders.bookingRefund(booking),
};
