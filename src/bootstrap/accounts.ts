import type { Env } from '../config/env.js';
import type { AuthService } from '../domain/auth/auth.service.js';
import { ValidationError } from '../errors.js';
import type { Logger } from '../logger.js';

export interface Credentials {
  email: string;
  /** Printed only for the documented demo accounts. */
  password?: string;
}

/** Local-only demo accounts of the embedded mode; documented in README.md. */
export const DEMO_ADMIN = { email: 'admin@boxoffice.local', password: 'boxoffice-admin' } as const;
export const DEMO_CUSTOMER = {
  email: 'customer@boxoffice.local',
  password: 'boxoffice-customer',
  name: 'Demo Customer',
} as const;

/**
 * The bootstrap admin from ADMIN_EMAIL/ADMIN_PASSWORD, created if missing. In embedded mode
 * without them: the demo admin and a demo customer, with fixed passwords, never in production.
 */
export async function bootstrapAccounts(
  auth: AuthService,
  env: Env,
  embedded: boolean,
  logger: Logger,
): Promise<{ admin?: Credentials; customer?: Credentials }> {
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const admin = await auth.ensureAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    logger.info({ email: admin.email }, 'bootstrap admin ready');
    return { admin: { email: admin.email } };
  }
  if (!embedded) return {};
  if (env.NODE_ENV === 'production') {
    logger.warn('no demo accounts in production: set ADMIN_EMAIL and ADMIN_PASSWORD to get an admin');
    return {};
  }
  await auth.ensureAdmin(DEMO_ADMIN.email, DEMO_ADMIN.password);
  await auth.register(DEMO_CUSTOMER).catch((err: unknown) => {
    // The input is fixed and valid, so a validation error can only mean the account exists.
    if (!(err instanceof ValidationError)) throw err;
  });
  return {
    admin: { ...DEMO_ADMIN },
    customer: { email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password },
  };
}
