import type { Db, Tx } from '../db/client.js';
import { accountOf } from './access/authorize.js';
import type { Viewer } from './auth/tokens.js';
import type { Clock } from './clock.js';
import { runIdempotent, type IdempotencyCodec } from './idempotency.js';
import { inTransaction } from './tx.js';
import { parseIdempotencyKey } from './validation.js';

export interface StaffCommandDeps {
  db: Db;
  clock: Clock;
}

export interface StaffCall {
  /** The mutation's name: a key reused for another operation counts as other input. */
  operation: string;
  /** Normalised input, hashed to tell a retry from a key reused with other input. */
  input: unknown;
  idempotencyKey?: string | null | undefined;
  /** Where the key came from, for BAD_USER_INPUT (`input.idempotencyKey` by default). */
  keyField?: string;
}

/**
 * One staff command (a catalog write, a role grant, ...): `effect` runs in one transaction with
 * its authorization check and its audit entry, and with an idempotency key at most once per key
 * (a retried `scheduleShow` replays the first show instead of creating a second).
 */
export async function runStaffCommand<T>(
  deps: StaffCommandDeps,
  actor: Viewer,
  call: StaffCall,
  codec: IdempotencyCodec<T>,
  effect: (tx: Tx, now: Date) => Promise<T>,
): Promise<T> {
  const key = parseIdempotencyKey(call.idempotencyKey, call.keyField ?? 'input.idempotencyKey');
  if (key !== undefined && accountOf(actor) === null)
    throw new Error('the system actor has no idempotency keys');
  const now = deps.clock.now();
  const { value } = await inTransaction(deps.db, (tx) =>
    runIdempotent(
      tx,
      { userId: actor.id, key, operation: call.operation, input: call.input, now },
      codec,
      () => effect(tx, now),
    ),
  );
  return value;
}
