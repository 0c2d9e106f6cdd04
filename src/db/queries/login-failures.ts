import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { loginFailures } from '../schema/index.js';

/** How failed sign-ins of one email slow down the next ones. */
export interface LoginBackoff {
  /** Failures without any wait. */
  freeFailures: number;
  /** The wait after the last free failure; it doubles with each further one. */
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  /** A count whose last attempt is older than this starts again from zero. */
  forgetAfterSeconds: number;
}

/** The wait owed after `failures` attempts: nothing for the free ones, then doubling up to the cap. */
const waitAfter = (failures: unknown, b: LoginBackoff) => sql`make_interval(secs => case
  when ${failures} < ${b.freeFailures} then 0
  else least(${b.maxWaitSeconds}, ${b.firstWaitSeconds} * power(2, ${failures} - ${b.freeFailures}))
end)`;

/**
 * Charges one sign-in attempt to `email` before its password is checked, unless the wait owed
 * for its earlier failures has not passed. One statement under the row's lock, so concurrent
 * attempts are counted one by one: a burst gets the free attempts and no more. Returns null when
 * the attempt may go on, else the milliseconds still to wait.
 */
export async function chargeLoginAttempt(
  db: DbOrTx,
  email: string,
  now: Date,
  backoff: LoginBackoff,
): Promise<number | null> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const charged = await db.execute(sql`
    insert into ${loginFailures} as lf (email, failures, last_attempt_at) values (${email}, 1, ${at})
    on conflict (email) do update set
      failures = case when lf.last_attempt_at < ${at} - make_interval(secs => ${backoff.forgetAfterSeconds})
        then 1 else lf.failures + 1 end,
      last_attempt_at = ${at}
    where lf.last_attempt_at + ${waitAfter(sql`lf.failures`, backoff)} <= ${at}
    returning 1`);
  if (charged.length > 0) return null;
  const [owed] = await db.execute<{ ms: number }>(sql`
    select ceil(extract(epoch from lf.last_attempt_at + ${waitAfter(sql`lf.failures`, backoff)} - ${at}) * 1000)::float8 as ms
    from ${loginFailures} lf where lf.email = ${email}`);
  // The row went away in between (a success): wait a moment rather than go on uncharged.
  return Math.max(1, owed?.ms ?? 1_000);
}

/** A successful sign-in: the email's failures are forgotten. */
export async function clearLoginFailures(db: DbOrTx, email: string): Promise<void> {
  await db.execute(sql`delete from ${loginFailures} where email = ${email}`);
}

/** Deletes up to `limit` counts whose last attempt was before `before`; returns how many went. */
export async function deleteLoginFailuresBefore(db: DbOrTx, before: Date, limit: number): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`
    with old as (
      select email from ${loginFailures} where last_attempt_at < ${before.toISOString()}::timestamptz limit ${limit}
    ), gone as (
      delete from ${loginFailures} f using old where f.email = old.email returning 1
    )
    select count(*)::int as n from gone`);
  return rows[0]?.n ?? 0;
}
