import type { BookingEdgeResolvers } from './__generated__/types.js';
export const BookingEdge: BookingEdgeResolvers = {/* Implement BookingEdge resolver logic here */};
