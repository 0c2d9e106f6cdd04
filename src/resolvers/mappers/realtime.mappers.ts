import type { HoldChangeView } from '../../domain/live/hold-watch.js';
import type { SeatChangeView } from '../../realtime/feeds/types.js';

export type SeatChangeMapper = SeatChangeView;
export type HoldChangeMapper = HoldChangeView;
