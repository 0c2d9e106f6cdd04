import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { benchServices } from './bench-services.js';
import { percentile } from './stats.js';

/**
 * Places short holds (real ones, through the holds domain) on seats nobody else wants while the
 * load runs, and afterwards reads how long after `expiresAt` the API's worker put each one back
 * on sale (`ended_at - expires_at`: the release and the status change commit together).
 */
export async function startExpiryProbe(
  db: Db,
  showId: string,
  seatIds: string[],
  opts = { ttlSeconds: 2, everyMs: 25 },
) {
  const services = benchServices(db, { ttlSeconds: opts.ttlSeconds, extensionSeconds: 1 });
  // One user per hold: a user's second hold on a show would replace (release) the first.
  const users = Array.from({ length: seatIds.length }, () => randomUUID());
  await db.execute(sql`
    insert into users (id, email, name, password_hash)
    select id, 'probe-' || id || '@example.test', 'Probe', 'scrypt$unusable' from unnest(${sql.param(users)}::uuid[]) as id`);
  let next = 0;
  let stopped = false;
  const placing = (async () => {
    while (!stopped && next < seatIds.length) {
      const i = next++;
      await services.holds.placeHold({ id: users[i]!, role: 'CUSTOMER' }, { showId, seatIds: [seatIds[i]!] });
      await new Promise((r) => setTimeout(r, opts.everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await placing;
    },
    /** Lag of each probe hold's release behind its expiry, in ms (unreleased ones count as missing). */
    async lags(): Promise<{ placed: number; released: number; p50: number; p99: number; max: number }> {
      const rows = await db.execute<{ lag: number | null }>(sql`
        select extract(epoch from (ended_at - expires_at)) * 1000 as lag from holds
        where user_id = any(${sql.param(users.slice(0, next))}::uuid[])`);
      const lags = rows.filter((r) => r.lag !== null).map((r) => Number(r.lag));
      return {
        placed: next,
        released: lags.length,
        p50: percentile(lags, 50),
        p99: percentile(lags, 99),
        max: Math.max(...lags),
      };
    },
  };
}
