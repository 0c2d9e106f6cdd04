import type { ShowSeatResolvers } from './__generated__/types.js';
export const ShowSeat: ShowSeatResolvers = {/* Implement ShowSeat resolver logic here */};
