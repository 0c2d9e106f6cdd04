import type { SeatChangeView } from '../../realtime/feeds/types.js';
import type { SubscriptionResolvers } from './../__generated__/types.js';

export const seatChanged: NonNullable<SubscriptionResolvers['seatChanged']> = {
  // Anyone may watch a seat map: the stream is the same for every viewer.
  subscribe: (_parent, { showId, afterVersion }, { services }) =>
    services.live.seatChanged(showId, afterVersion),
  resolve: (change: SeatChangeView) => change,
};
