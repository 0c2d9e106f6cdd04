import type { SeatChangeResolvers } from './__generated__/types.js';
export const SeatChange: SeatChangeResolvers = {/* Implement SeatChange resolver logic here */};
