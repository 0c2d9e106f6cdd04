import type { Db } from '../../src/db/client.js';
import type { HoldConfig } from '../../src/domain/holds/hold.service.js';
import { createServices } from '../../src/domain/services.js';

/** The signing key the benchmarks give the API process and sign their buyers' tokens with. */
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0000';

/** Domain services for setting up a benchmark's data (the defaults of src/config/env.ts). */
export function benchServices(db: Db, holds: Partial<HoldConfig> = {}) {
  return createServices(db, {
    jwtSecret: BENCH_JWT_SECRET,
    jwtTtlSeconds: 3600,
    holds: { ttlSeconds: 600, extensionSeconds: 300, maxSeats: 10, maxActivePerUser: 3, ...holds },
  });
}
