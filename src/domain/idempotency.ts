import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db/client.js';
import {
  claimIdempotencyKey,
  findIdempotencyKey,
  storeIdempotentResponse,
} from '../db/queries/idempotency-keys.js';
import { IdempotencyKeyReusedError } from '../errors.js';

/** How a result is stored as JSON and read back for a replay. */
export interface IdempotencyCodec<T> {
  encode(value: T): unknown;
  decode(json: unknown): T;
}

export interface IdempotentCall {
  userId: string;
  /** No key: the effect simply runs. */
  key: string | undefined;
  /** e.g. `holdSeats`: the same key for another operation counts as other input. */
  operation: string;
  /** Normalised input (e.g. sorted ids), hashed to detect reuse with other input. */
  input: unknown;
  /** Stamped on the key; keys are forgotten 24 h later. */
  now: Date;
}

export interface IdempotentResult<T> {
  value: T;
  /** True when the stored first answer was returned and the effect did not run. */
  replayed: boolean;
}

/**
 * Runs `effect` at most once per (user, key), inside the caller's transaction: the key row and
 * the effect commit or roll back together, so a failed attempt leaves the key free for a retry.
 */
export async function runIdempotent<T>(
  tx: DbOrTx,
  call: IdempotentCall,
  codec: IdempotencyCodec<T>,
  effect: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (call.key === undefined) return { value: await effect(), replayed: false };
  const requestHash = hashRequest(call.operation, call.input);
  const claimed = await claimIdempotencyKey(tx, {
    userId: call.userId,
    key: call.key,
    operation: call.operation,
    requestHash,
    createdAt: call.now,
  });
  if (!claimed) {
    const stored = await findIdempotencyKey(tx, call.userId, call.key);
    if (!stored || stored.requestHash !== requestHash || stored.response === null)
      throw new IdempotencyKeyReusedError();
    return { value: codec.decode(stored.response), replayed: true };
  }
  const value = await effect();
  await storeIdempotentResponse(tx, call.userId, call.key, codec.encode(value));
  return { value, replayed: false };
}

export function hashRequest(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\0').update(stableStringify(input)).digest('hex');
}

/** JSON with object keys sorted, so equal inputs hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** A database row stored as JSON for replays, with its timestamp columns revived as Dates. */
export function rowCodec<T extends object>(...dateKeys: (keyof T & string)[]): IdempotencyCodec<T> {
  return {
    encode: (row) => row,
    decode: (json) => {
      const row = { ...(json as Record<string, unknown>) };
      for (const k of dateKeys) if (row[k] != null) row[k] = new Date(row[k] as string);
      return row as T;
    },
  };
}
