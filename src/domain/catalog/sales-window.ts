import type { ShowRow } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';

/** Why a show does not sell right now. */
export type NotOnSaleReason = 'NOT_YET_OPEN' | 'CLOSED' | 'STARTED' | 'CANCELLED' | 'ARCHIVED';

export type SalesState = { onSale: true } | { onSale: false; reason: NotOnSaleReason; opensAt?: Date };

type WindowFields = Pick<ShowRow, 'status' | 'startsAt' | 'salesStartAt' | 'salesEndAt' | 'archivedAt'>;

/**
 * The on-sale rule: a show sells from `salesStartAt` (unset: once scheduled) until `salesEndAt`
 * (unset: until it starts), never once it has started, been cancelled or archived. The start is
 * inclusive and the end exclusive. The hold transaction checks the same rule in SQL
 * (`boxoffice_on_sale`, also used by `shows(filter: {onSale: true})`); a test ties the two.
 */
export function salesStateAt(show: WindowFields, now: Date): SalesState {
  const t = now.getTime();
  if (show.status === 'CANCELLED') return { onSale: false, reason: 'CANCELLED' };
  if (show.archivedAt) return { onSale: false, reason: 'ARCHIVED' };
  if (show.startsAt.getTime() <= t) return { onSale: false, reason: 'STARTED' };
  if (show.salesStartAt && t < show.salesStartAt.getTime())
    return { onSale: false, reason: 'NOT_YET_OPEN', opensAt: show.salesStartAt };
  if (show.salesEndAt && t >= show.salesEndAt.getTime()) return { onSale: false, reason: 'CLOSED' };
  return { onSale: true };
}

export const isOnSale = (show: WindowFields, now: Date): boolean => salesStateAt(show, now).onSale;

/**
 * Checks a sales window against the show's start: it must open before the show starts and close
 * no later than that (unset end: it closes when the show starts), and open before it closes.
 */
export function assertSalesWindow(w: Pick<ShowRow, 'startsAt' | 'salesStartAt' | 'salesEndAt'>): void {
  if (w.salesStartAt && w.salesStartAt >= w.startsAt)
    throw new ValidationError('salesStartAt must be before the show starts', 'input.salesStartAt');
  if (w.salesEndAt && w.salesEndAt > w.startsAt)
    throw new ValidationError('salesEndAt must not be after the show starts', 'input.salesEndAt');
  if (w.salesStartAt && w.salesEndAt && w.salesEndAt <= w.salesStartAt)
    throw new ValidationError('salesEndAt must be after salesStartAt', 'input.salesEndAt');
}
