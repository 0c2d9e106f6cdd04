import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../src/domain/auth/tokens.js';
import type { Harness } from './harness.js';

/**
 * Many customers at once for concurrency tests. Inserted directly: scrypt-hashing a thousand
 * passwords would take minutes and these users never log in.
 */
export async function createCustomers(h: Harness, count: number): Promise<Viewer[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await h.db.db.execute(sql`
    insert into users (id, email, name, password_hash)
    select id, 'load-' || id || '@example.test', 'Load user', 'scrypt$unusable'
    from unnest(${sql.param(ids)}::uuid[]) as id`);
  return ids.map((id) => ({ id, role: 'CUSTOMER' as const }));
}
