import type { Db } from '../../db/client.js';
import {
  findCancellationPolicies,
  upsertCancellationPolicy,
} from '../../db/queries/cancellation-policies.js';
import type { RefundTier } from '../../db/schema/index.js';
import { assertMayAct } from '../access/authorize.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Viewer } from '../auth/tokens.js';
import { lockShowFor } from '../catalog/update-show.js';
import type { Clock } from '../clock.js';
import { rowCodec } from '../idempotency.js';
import { runStaffCommand } from '../staff-command.js';
import { parseId } from '../validation.js';
import { DEFAULT_TIERS, parseTiers } from './cancellation-policy.js';

const policyCodec = rowCodec<{ tiers: RefundTier[] }>();

/**
 * Sets a show's refund tiers (admins, and the venue's managers). They apply to cancellations from
 * now on, including of bookings made before: the policy in force when the buyer cancels counts.
 */
export async function setCancellationPolicy(
  deps: { db: Db; clock: Clock },
  actor: Viewer,
  input: { showId: string; tiers: readonly RefundTier[]; idempotencyKey?: string | null },
): Promise<{ tiers: RefundTier[] }> {
  await assertMayAct(deps.db, actor, 'show.setCancellationPolicy');
  const showId = parseId(input.showId, 'input.showId');
  const tiers = parseTiers(input.tiers);
  const call = {
    operation: 'setCancellationPolicy',
    input: { showId, tiers },
    idempotencyKey: input.idempotencyKey,
  };
  return runStaffCommand(deps, actor, call, policyCodec, async (tx, at) => {
    const { venueId } = await lockShowFor(tx, actor, showId, 'show.setCancellationPolicy');
    const [before] = await findCancellationPolicies(tx, [showId]);
    await upsertCancellationPolicy(tx, showId, tiers, at);
    await recordAudit(tx, {
      action: 'show.cancellationPolicyChanged',
      actor,
      at,
      targetId: showId,
      venueId,
      showId,
      before: { tiers: before?.tiers ?? DEFAULT_TIERS },
      after: { tiers },
    });
    return { tiers };
  });
}
