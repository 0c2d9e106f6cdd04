import type { BookingConnectionResolvers } from './__generated__/types.js';
export const BookingConnection: BookingConnectionResolvers = {
  /* Implement BookingConnection resolver logic here */
};
