import type { ShowSeatView } from '../../domain/catalog/views.js';
import type { SeatChangeMessageItem } from '../topics.js';
import type { SeatChangeView } from './types.js';

/** Recent changes kept in memory: reconnects within this many versions replay without Postgres. */
const RING = 1024;

/**
 * A show's seat map as one process knows it: every seat's static data (label, price, position)
 * with its current status, the version it is at, and the last 1,024 changes. Changes are turned
 * into what clients get here, once, whatever the number of subscribers.
 */
export class SeatMapState {
  version = 0;
  private current: ShowSeatView[] = [];
  private readonly positions = new Map<string, number>();
  private ring: SeatChangeView[] = [];
  private snapshotCache: SeatChangeView | undefined;

  constructor(readonly showId: string) {}

  reset(map: { version: number; seats: ShowSeatView[] }): void {
    this.current = map.seats.slice();
    this.positions.clear();
    this.current.forEach((seat, i) => this.positions.set(seat.id, i));
    this.version = map.version;
    this.ring = [];
    this.snapshotCache = undefined;
  }

  /** Applies the next version; returns it as clients see it (kept among the recent changes). */
  apply(item: SeatChangeMessageItem): SeatChangeView {
    const change = this.view(item, true);
    this.version = item.version;
    this.snapshotCache = undefined;
    this.ring.push(change);
    if (this.ring.length > RING) this.ring.shift();
    return change;
  }

  /** A change as clients see it; `commit` also moves the statuses on. */
  view(item: SeatChangeMessageItem, commit = false): SeatChangeView {
    const seats: ShowSeatView[] = [];
    for (const { id, status } of item.seats) {
      const at = this.positions.get(id);
      if (at === undefined) continue; // not a seat of this show: nothing to show
      const seat = { ...this.current[at]!, status };
      if (commit) this.current[at] = seat;
      seats.push(seat);
    }
    return { showId: this.showId, version: item.version, seats, snapshot: false };
  }

  /** The recent changes after `version`, or undefined when memory does not reach back that far. */
  changesAfter(version: number): SeatChangeView[] | undefined {
    const oldest = this.ring[0];
    if (version >= this.version) return [];
    if (!oldest || oldest.version > version + 1) return undefined;
    return this.ring.slice(version + 1 - oldest.version);
  }

  /** The whole seat map at `version`, shared until the next change. */
  snapshot(): SeatChangeView {
    return (this.snapshotCache ??= {
      showId: this.showId,
      version: this.version,
      seats: this.current.slice(),
      snapshot: true,
    });
  }
}
