import type { RefundTier } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';

/** Without a policy of its own a show refunds 100% up to 24 h before it starts, 50% up to 2 h. */
export const DEFAULT_TIERS: readonly RefundTier[] = [
  { hoursBefore: 24, refundPercent: 100 },
  { hoursBefore: 2, refundPercent: 50 },
];

/**
 * The tier that applies `now`: the one with the largest `hoursBefore` the show is still at least
 * that far away. None: cancelling is no longer allowed.
 */
export function tierAt(tiers: readonly RefundTier[], startsAt: Date, now: Date): RefundTier | undefined {
  const hoursLeft = (startsAt.getTime() - now.getTime()) / 3_600_000;
  return [...tiers].sort((a, b) => b.hoursBefore - a.hoursBefore).find((t) => hoursLeft >= t.hoursBefore);
}

/** Minor units, rounded down: a refund never exceeds the share it stands for. */
export const refundAmountOf = (total: number, tier: RefundTier) =>
  Math.floor((total * tier.refundPercent) / 100);

/** 1-10 tiers, distinct `hoursBefore` (0 to one year), percentages 0-100; sorted, largest first. */
export function parseTiers(raw: readonly RefundTier[], field = 'input.tiers'): RefundTier[] {
  if (raw.length < 1 || raw.length > 10) throw new ValidationError('Give 1 to 10 tiers', field);
  raw.forEach((t, i) => {
    if (!Number.isInteger(t.hoursBefore) || t.hoursBefore < 0 || t.hoursBefore > 8760) {
      throw new ValidationError(
        'hoursBefore must be an integer from 0 to 8760',
        `${field}[${i}].hoursBefore`,
      );
    }
    if (!Number.isInteger(t.refundPercent) || t.refundPercent < 0 || t.refundPercent > 100) {
      throw new ValidationError(
        'refundPercent must be an integer from 0 to 100',
        `${field}[${i}].refundPercent`,
      );
    }
  });
  if (new Set(raw.map((t) => t.hoursBefore)).size !== raw.length) {
    throw new ValidationError('Two tiers have the same hoursBefore', field);
  }
  return raw
    .map((t) => ({ hoursBefore: t.hoursBefore, refundPercent: t.refundPercent }))
    .sort((a, b) => b.hoursBefore - a.hoursBefore);
}
