import type { Db, Tx } from '../db/client.js';
import { isRetryableTxError } from '../db/errors.js';

/**
 * A transaction that is retried on deadlock or serialization failure. Seat transactions lock in
 * a fixed order, so these are rare; retrying keeps them invisible to clients.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, attempts = 4): Promise<T> {
  return retryOnConflict(() => db.transaction(fn), attempts);
}

/** Runs `attempt` (a transaction, or one statement) again on deadlock or serialization failure. */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isRetryableTxError(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}
