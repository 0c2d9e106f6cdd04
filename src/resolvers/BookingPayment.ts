import type { BookingPaymentResolvers } from './__generated__/types.js';
export const BookingPayment: BookingPaymentResolvers = {/* Implement BookingPayment resolver logic here */};
