import type { Db } from '../../db/client.js';
import { upsertCancellationPolicy } from '../../db/queries/cancellation-policies.js';
import { findShowsByIds } from '../../db/queries/shows.js';
import type { RefundTier } from '../../db/schema/index.js';
import { NotFoundError } from '../../errors.js';
import type { Clock } from '../clock.js';
import { parseId } from '../validation.js';
import { parseTiers } from './cancellation-policy.js';

/**
 * Sets a show's refund tiers (admin). They apply to cancellations from now on, including of
 * bookings made before: the policy in force when the buyer cancels is the one that counts.
 */
export async function setCancellationPolicy(
  deps: { db: Db; clock: Clock },
  input: { showId: string; tiers: readonly RefundTier[] },
): Promise<{ tiers: RefundTier[] }> {
  const showId = parseId(input.showId, 'input.showId');
  const tiers = parseTiers(input.tiers);
  const [show] = await findShowsByIds(deps.db, [showId]);
  if (!show) throw new NotFoundError('Show', showId);
  await upsertCancellationPolicy(deps.db, showId, tiers, deps.clock.now());
  return { tiers };
}
