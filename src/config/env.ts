import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on');
const url = (protocols: RegExp) => z.string().regex(protocols, 'must be a URL of the right scheme');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Unset: 127.0.0.1 in embedded mode (a demo with known passwords), else 0.0.0.0 (see listenHost). */
  HOST: z.string().min(1).optional(),
  DATABASE_URL: url(/^postgres(ql)?:\/\//).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  /** Where embedded Postgres keeps its data when DATABASE_URL is unset. */
  DATA_DIR: z.string().min(1).default('./.data'),
  REDIS_URL: url(/^rediss?:\/\//).optional(),
  /** Published seat changes kept for replay (the contract promises at least 24 h). */
  SEAT_CHANGES_RETENTION_HOURS: z.coerce.number().int().min(1).max(8_760).default(24),
  /** holdChanged sends EXPIRING_SOON this long before a hold expires. */
  HOLD_EXPIRING_SOON_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  /** How long a `show(id)` response (seat map) may be reused at most; 0 turns the cache off. */
  SHOW_CACHE_MAX_AGE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Unsent bytes after which a WebSocket subscriber is slow: it gets a whole seat map once it drains. */
  WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(16_384).max(67_108_864).default(1_048_576),
  RUN_WORKER: bool.default(true),
  HOLD_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** How much one `extendHold` adds; a hold never lives beyond 2x the TTL from creation. */
  HOLD_EXTENSION_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  HOLD_MAX_SEATS: z.coerce.number().int().min(1).max(100).default(10),
  HOLD_MAX_ACTIVE_PER_USER: z.coerce.number().int().min(1).max(100).default(3),
  /** holdSeats needs a verified email (a code per account; logged, and printed in embedded mode). */
  REQUIRE_VERIFIED_EMAIL: bool.default(false),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).default(7 * 24 * 3600),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
  STRIPE_API_URL: url(/^https?:\/\//).optional(),
  /** checkIn admits a ticket from this long before its show starts until the show ends. */
  DOORS_OPEN_SECONDS: z.coerce.number().int().min(0).max(7 * 86_400).default(2 * 3600),
  /** Signs ticket codes; unset: derived from JWT_SECRET (rotating that then voids tickets). */
  TICKET_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** Budgets (see src/http/rate-limits/budgets.ts); admins are exempt. */
  RATE_LIMIT_IP_PER_SECOND: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_USER_PER_SECOND: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_IP_COST_PER_MINUTE: z.coerce.number().int().min(1).default(24_000),
  RATE_LIMIT_USER_COST_PER_MINUTE: z.coerce.number().int().min(1).default(24_000),
  RATE_LIMIT_HOLDS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_CONFIRMS_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_SHOW_HOLDS_PER_SECOND: z.coerce.number().int().min(1).default(1_000),
  /** Seats that holds from one client IP may hold of one show at once (checked in the hold's transaction). */
  RATE_LIMIT_IP_HELD_SEATS_PER_SHOW: z.coerce.number().int().min(1).default(20),
  /** `register` calls per client IP per hour (each alias counts). */
  RATE_LIMIT_IP_REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** `login` calls per client IP per minute (each alias counts). */
  RATE_LIMIT_IP_LOGINS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** WebSocket upgrades per client IP per minute, and open WebSockets per client IP per process. */
  RATE_LIMIT_IP_WS_UPGRADES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_IP_OPEN_WEBSOCKETS: z.coerce.number().int().min(1).default(50),
  /** Express `trust proxy`: which hops may set X-Forwarded-For (e.g. `loopback`, `1`, a CIDR list). */
  TRUST_PROXY: z.string().min(1).optional(),
  PERSISTED_QUERIES: z.enum(['apq', 'allowlist', 'off']).default('apq'),
  PERSISTED_QUERIES_MANIFEST: z.string().min(1).default('persisted-operations.json'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = Readonly<z.infer<typeof EnvSchema>>;

/** Parses the environment once at start; a bad value names the variable and stops the process. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "unset", as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${issues.join('\n')}`);
  }
  if (parsed.data.ADMIN_EMAIL && !parsed.data.ADMIN_PASSWORD) {
    throw new Error('Invalid environment:\n  ADMIN_PASSWORD: required when ADMIN_EMAIL is set');
  }
  return Object.freeze(parsed.data);
}
