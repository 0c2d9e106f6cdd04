/**
 * Pub/sub topics and their messages. One channel per show (`PUBSUB NUMSUB show:<id>` counts API
 * processes, never viewers) and one per hold.
 */
export const topics = {
  /** Sequenced seat changes of a show, published by the relay in version order. */
  show: (showId: string) => `show:${showId}` as const,
  /** "Look at this hold again" (extended or released), published after the commit. */
  hold: (holdId: string) => `hold:${holdId}` as const,
};

export type SeatStatusValue = 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';

/** One committed, numbered version: the seats it changed and their new status. */
export interface SeatChangeMessageItem {
  version: number;
  seats: { id: string; status: SeatStatusValue }[];
}

/** What the relay publishes on `show:<id>`: consecutive versions, oldest first. */
export interface SeatChangesMessage {
  showId: string;
  changes: SeatChangeMessageItem[];
}

/** What goes on `hold:<id>`: only the id; listeners re-read the hold (payloads may be stale). */
export interface HoldNudgeMessage {
  holdId: string;
}

export function isSeatChangesMessage(m: unknown): m is SeatChangesMessage {
  return typeof m === 'object' && m !== null && Array.isArray((m as SeatChangesMessage).changes);
}
