import DataLoader from 'dataloader';
import type { Db } from '../db/client.js';
import { findPricedSeats, type PricedSeatRow } from '../db/queries/priced-seats.js';
import type { ShowSeatView } from './catalog/views.js';
import type { Clock } from './clock.js';

/**
 * Loads the seats of holds or bookings, batched per request, priced in the owner's currency at
 * the owner's own price (quoted at hold time, paid at booking).
 */
export function pricedSeatsLoader(db: Db, clock: Clock, of: 'hold' | 'booking') {
  const loader = new DataLoader<string, PricedSeatRow[]>(async (ownerIds) => {
    const byOwner = new Map<string, PricedSeatRow[]>();
    for (const row of await findPricedSeats(db, of, ownerIds, clock.now())) {
      const list = byOwner.get(row.ownerId);
      if (list) list.push(row);
      else byOwner.set(row.ownerId, [row]);
    }
    return ownerIds.map((id) => byOwner.get(id) ?? []);
  });
  return async (owner: { id: string; currency: string }): Promise<ShowSeatView[]> =>
    (await loader.load(owner.id)).map(({ ownerId: _o, priceAmount, ...seat }) => ({
      ...seat,
      price: { amount: priceAmount, currency: owner.currency },
    }));
}
