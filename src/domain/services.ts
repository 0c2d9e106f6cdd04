import type { Db } from '../db/client.js';
import { createAuthService } from './auth/auth.service.js';
import { createTokenIssuer } from './auth/tokens.js';
import { createAdminCatalogService } from './catalog/admin.service.js';
import { createCatalogService } from './catalog/catalog.service.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { createHoldService, type HoldConfig } from './holds/hold.service.js';
import { createSeatChangeService } from './seat-changes/seat-change.service.js';

export interface ServiceConfig {
  jwtSecret: string;
  jwtTtlSeconds: number;
  holds: HoldConfig;
}

/** Builds the stateless domain services once per process; resolvers and workers share them. */
export function createServices(db: Db, config: ServiceConfig, clock: Clock = systemClock) {
  const tokens = createTokenIssuer(config.jwtSecret, config.jwtTtlSeconds);
  return {
    db,
    clock,
    auth: createAuthService({ db, tokens }),
    catalog: createCatalogService({ db, clock }),
    admin: createAdminCatalogService({ db, clock }),
    holds: createHoldService({ db, clock, config: config.holds }),
    seatChanges: createSeatChangeService({ db }),
  };
}
export type AppServices = ReturnType<typeof createServices>;
