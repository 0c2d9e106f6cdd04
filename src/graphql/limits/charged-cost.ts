import type { CatalogService } from '../../domain/catalog/catalog.service.js';
import { costWithSeats, NOMINAL_SEATS, type OperationShape } from './cost.js';

/** Where the real size of a seat map comes from (the catalog, cached per process). */
export type SeatCounts = Pick<CatalogService, 'seatCount' | 'largestSeatCount'>;

/**
 * What an operation is charged against the rate-limit cost budgets: its cost with each seat map
 * at its real size, a named show's (`show(id:)`) or, where the show is known only once executed,
 * the largest screen's. The cost limit (`MAX_COST`) bounds the shape at the nominal 500 seats, so
 * one arena map is still readable; its real cost here makes a client that reads arena maps in a
 * loop spend its budgets at the arena's rate.
 *
 * An unknown or malformed show id counts the nominal size (the operation reads nothing for it).
 * A failed lookup does too: the seat map read behind it would fail the same way.
 */
export async function chargedCost(shape: OperationShape, seats: SeatCounts | undefined): Promise<number> {
  if (!seats || shape.seatCosts.size === 0) return shape.cost;
  const sizes = new Map<string | null, number>();
  await Promise.all(
    [...shape.seatCosts.keys()].map(async (showId) => {
      const size =
        showId === null
          ? await seats.largestSeatCount().catch(() => null)
          : await seats.seatCount(showId).catch(() => null);
      sizes.set(showId, size ?? NOMINAL_SEATS);
    }),
  );
  return costWithSeats(shape, (showId) => sizes.get(showId) ?? NOMINAL_SEATS);
}
