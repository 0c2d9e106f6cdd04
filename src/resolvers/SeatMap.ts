import type { SeatMapResolvers } from './__generated__/types.js';
export const SeatMap: SeatMapResolvers = {/* Implement SeatMap resolver logic here */};
