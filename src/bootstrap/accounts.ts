import type { Env } from '../config/env.js';
import type { AuthService, BootstrapOutcome } from '../domain/auth/auth.service.js';
import { ValidationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { DEMO_STAFF } from './demo-staff.js';

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
 * The bootstrap admin from ADMIN_EMAIL/ADMIN_PASSWORD: created, or the existing account made an
 * ADMIN that signs in with ADMIN_PASSWORD only. In embedded mode without them: the demo admin and
 * a demo customer, with fixed passwords, never in production (which warns if they exist).
 */
export async function bootstrapAccounts(
  auth: AuthService,
  env: Env,
  embedded: boolean,
  logger: Logger,
): Promise<{ admin?: Credentials; customer?: Credentials }> {
  if (env.NODE_ENV === 'production') await warnAboutDemoAccounts(auth, logger);
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const admin = await ensureAdmin(auth, env.ADMIN_EMAIL, env.ADMIN_PASSWORD, logger);
    return { admin: { email: admin.email } };
  }
  if (!embedded) return {};
  if (env.NODE_ENV === 'production') {
    logger.warn('no demo accounts in production: set ADMIN_EMAIL and ADMIN_PASSWORD to get an admin');
    return {};
  }
  await ensureAdmin(auth, DEMO_ADMIN.email, DEMO_ADMIN.password, logger);
  // Looked up first: a restart then computes no password hash for it.
  if (!(await auth.hasAccount(DEMO_CUSTOMER.email))) {
    await auth.register(DEMO_CUSTOMER).catch((err: unknown) => {
      // The input is fixed and valid, so a validation error can only mean the account exists.
      if (!(err instanceof ValidationError)) throw err;
    });
  }
  return {
    admin: { ...DEMO_ADMIN },
    customer: { email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password },
  };
}

const OUTCOME_MESSAGES: Record<Exclude<BootstrapOutcome, 'CREATED' | 'UNCHANGED'>, string> = {
  PROMOTED:
    'ADMIN_EMAIL: promoted the existing account to ADMIN (its password was ADMIN_PASSWORD already) and revoked its earlier sessions',
  RESET:
    'ADMIN_EMAIL: the existing account had another password: password reset to ADMIN_PASSWORD, role ADMIN, sessions revoked. Expected after changing ADMIN_PASSWORD; otherwise someone registered this email before you: review what the account did',
};

async function ensureAdmin(auth: AuthService, email: string, password: string, logger: Logger) {
  const { user, outcome } = await auth.ensureAdmin(email, password);
  if (outcome === 'CREATED' || outcome === 'UNCHANGED') {
    logger.info({ email: user.email, outcome }, 'bootstrap admin ready');
  } else {
    logger.warn({ email: user.email, userId: user.id, outcome }, OUTCOME_MESSAGES[outcome]);
  }
  return user;
}

/** Demo accounts left by an earlier embedded run (staff included) still sign in with their published passwords. */
async function warnAboutDemoAccounts(auth: AuthService, logger: Logger): Promise<void> {
  const found: string[] = [];
  for (const { email, password } of [DEMO_ADMIN, DEMO_CUSTOMER, ...DEMO_STAFF]) {
    if (await auth.hasPassword(email, password)) found.push(email);
  }
  if (found.length === 0) return;
  const list = found.map((e) => `'${e}'`).join(', ');
  logger.warn(
    { emails: found },
    `demo accounts ${found.join(', ')} exist in this database with their published passwords (README), so anyone can sign in with them. ` +
      `Delete them: DELETE FROM users WHERE email IN (${list}); one with holds or bookings cannot be deleted, disable it instead: ` +
      `UPDATE users SET password_hash = 'disabled', token_version = token_version + 1 WHERE email IN (${list})`,
  );
}
