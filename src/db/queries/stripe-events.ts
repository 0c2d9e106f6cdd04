import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { stripeEvents, type StripeEventRow } from '../schema/index.js';

/** Stores a verified event; false when Stripe delivered it before (same id): a no-op. */
export async function insertStripeEvent(
  db: DbOrTx,
  e: { id: string; type: string; payload: unknown; receivedAt: Date },
): Promise<boolean> {
  const rows = await db
    .insert(stripeEvents)
    .values(e)
    .onConflictDoNothing({ target: stripeEvents.id })
    .returning({ id: stripeEvents.id });
  return rows.length === 1;
}

/**
 * Locks up to `limit` unprocessed events, oldest first, skipping those another worker holds:
 * each event is processed by exactly one transaction. Events that failed `maxAttempts` times
 * stay for a person to look at.
 */
export async function claimUnprocessedEvents(
  tx: DbOrTx,
  limit: number,
  maxAttempts: number,
): Promise<StripeEventRow[]> {
  return tx
    .select()
    .from(stripeEvents)
    .where(and(isNull(stripeEvents.processedAt), lt(stripeEvents.attempts, maxAttempts)))
    .orderBy(asc(stripeEvents.receivedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markEventProcessed(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx.update(stripeEvents).set({ processedAt: at, lastError: null }).where(eq(stripeEvents.id, id));
}

export async function markEventFailed(tx: DbOrTx, id: string, error: string): Promise<void> {
  await tx
    .update(stripeEvents)
    .set({ attempts: sql`${stripeEvents.attempts} + 1`, lastError: error.slice(0, 2000) })
    .where(eq(stripeEvents.id, id));
}
