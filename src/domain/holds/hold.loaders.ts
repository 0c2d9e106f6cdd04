import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { findHoldSeatViews, type HoldSeatViewRow } from '../../db/queries/hold-views.js';
import type { HoldRow } from '../../db/schema/index.js';
import type { ShowSeatView } from '../catalog/views.js';
import type { Clock } from '../clock.js';

/** Per-request loaders for hold fields. */
export function createHoldLoaders(db: Db, clock: Clock) {
  const seatsByHold = new DataLoader<string, HoldSeatViewRow[]>(async (holdIds) => {
    const rows = await findHoldSeatViews(db, holdIds, clock.now());
    const byHold = new Map<string, HoldSeatViewRow[]>();
    for (const r of rows) {
      const list = byHold.get(r.holdId);
      if (list) list.push(r);
      else byHold.set(r.holdId, [r]);
    }
    return holdIds.map((id) => byHold.get(id) ?? []);
  });
  return {
    /** A hold's seats priced as quoted when it was placed. */
    holdSeats: async (hold: HoldRow): Promise<ShowSeatView[]> =>
      (await seatsByHold.load(hold.id)).map(({ holdId: _h, priceAmount, ...seat }) => ({
        ...seat,
        price: { amount: priceAmount, currency: hold.currency },
      })),
  };
}
export type HoldLoaders = ReturnType<typeof createHoldLoaders>;
