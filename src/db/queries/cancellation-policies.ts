import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { showCancellationPolicies, type RefundTier } from '../schema/index.js';

export async function findCancellationPolicies(
  db: DbOrTx,
  showIds: readonly string[],
): Promise<{ showId: string; tiers: RefundTier[] }[]> {
  if (showIds.length === 0) return [];
  return db
    .select({ showId: showCancellationPolicies.showId, tiers: showCancellationPolicies.tiers })
    .from(showCancellationPolicies)
    .where(inArray(showCancellationPolicies.showId, [...showIds]));
}

export async function upsertCancellationPolicy(
  db: DbOrTx,
  showId: string,
  tiers: RefundTier[],
  at: Date,
): Promise<void> {
  await db
    .insert(showCancellationPolicies)
    .values({ showId, tiers, updatedAt: at })
    .onConflictDoUpdate({ target: showCancellationPolicies.showId, set: { tiers, updatedAt: at } });
}
