export interface PgErrorLike {
  code?: string;
  constraint_name?: string;
  detail?: string;
}

/** Drizzle wraps driver errors (DrizzleQueryError.cause = PostgresError): walk the cause chain. */
export function findPgError(err: unknown): PgErrorLike | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const pg = e as Error & PgErrorLike;
    if (typeof pg.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code)) return pg;
  }
  return undefined;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = findPgError(err);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint_name === constraint);
}

export function isExclusionViolation(err: unknown, constraint?: string): boolean {
  const pg = findPgError(err);
  return pg?.code === '23P01' && (constraint === undefined || pg.constraint_name === constraint);
}

export function isForeignKeyViolation(err: unknown): boolean {
  return findPgError(err)?.code === '23503';
}

/** Serialization failures and deadlocks: safe to retry the whole transaction. */
export function isRetryableTxError(err: unknown): boolean {
  const code = findPgError(err)?.code;
  return code === '40001' || code === '40P01';
}
