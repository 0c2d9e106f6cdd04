import type { Env } from '../config/env.js';
import type { ServiceConfig } from '../domain/services.js';

/** The domain's settings, taken from the parsed environment. */
export function serviceConfigFromEnv(env: Env, jwtSecret: string): ServiceConfig {
  return {
    jwtSecret,
    jwtTtlSeconds: env.JWT_TTL_SECONDS,
    holds: {
      ttlSeconds: env.HOLD_TTL_SECONDS,
      extensionSeconds: env.HOLD_EXTENSION_SECONDS,
      maxSeats: env.HOLD_MAX_SEATS,
      maxActivePerUser: env.HOLD_MAX_ACTIVE_PER_USER,
    },
    live: { expiringSoonSeconds: env.HOLD_EXPIRING_SOON_SECONDS },
  };
}
