import type { SeatMapRow } from '../../db/queries/show-seats.js';
import type { ShowRow } from '../../db/schema/index.js';
import type { SeatMapView, SectionView, ShowSeatView } from './views.js';

export type ShowStatus = 'ON_SALE' | 'STARTED' | 'CANCELLED';

/** What buyers see: cancelled wins; otherwise sales close when the show starts. */
export function showStatusAt(show: Pick<ShowRow, 'status' | 'startsAt'>, now: Date): ShowStatus {
  if (show.status === 'CANCELLED') return 'CANCELLED';
  return show.startsAt.getTime() <= now.getTime() ? 'STARTED' : 'ON_SALE';
}

/**
 * Turns the seat-map row into the exact GraphQL shape, so default resolvers serve every seat
 * field. This runs for every seat-map request (the hot read of an on-sale), hence the plain
 * indexed loop: one object per seat, and one shared price object per section.
 */
export function buildSeatMap(row: SeatMapRow): SeatMapView {
  const sections: SectionView[] = [];
  const bySection = new Map<string, SectionView>();
  for (const [name, tier, amount] of row.prices) {
    const section: SectionView = {
      name,
      tier,
      price: { amount, currency: row.currency },
      total: 0,
      available: 0,
    };
    sections.push(section);
    bySection.set(name, section);
  }
  const raw = row.seats;
  const seats = new Array<ShowSeatView>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    const status = t[5];
    const section = bySection.get(t[4]);
    // scheduleShow prices every section of the screen, so this means corrupted data.
    if (!section) throw new Error(`show ${row.showId} has no price for section "${t[4]}"`);
    if (status !== 'BLOCKED') section.total++;
    if (status === 'AVAILABLE') section.available++;
    seats[i] = {
      id: t[0],
      label: t[1],
      row: t[2],
      number: t[3],
      section: t[4],
      price: section.price,
      status,
      accessible: t[6],
      x: t[7],
      y: t[8],
    };
  }
  return { showId: row.showId, version: row.version, seats, sections };
}
