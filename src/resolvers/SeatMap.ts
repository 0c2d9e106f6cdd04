import { inTurns } from '../graphql/in-turns.js';
import type { SeatMapResolvers } from './__generated__/types.js';

export const SeatMap: SeatMapResolvers = {
  // Large maps are completed a slice per event-loop turn, so reading one never stalls the process.
  seats: (map) => inTurns(map.seats),
};
