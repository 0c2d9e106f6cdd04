import path from 'node:path';
import { createServices } from './domain/services.js';
import { committedMigrationCount, migrationsApplied } from './db/migrate.js';
import { seedDemoCatalog } from './db/seed.js';
import { startHttpServer } from './http/server.js';
import { createLogger } from './logger.js';
import { createPubSub } from './realtime/pubsub.js';
import { startWorkers } from './workers/index.js';
import { bootstrapAccounts } from './bootstrap/accounts.js';
import { startupBanner } from './bootstrap/banner.js';
import { ensureDemoStaff } from './bootstrap/demo-staff.js';
import { openDatabase } from './bootstrap/database.js';
import { loadEnvOrExit } from './bootstrap/env.js';
import { isLoopback, listenHost } from './bootstrap/listen-host.js';
import { resolveJwtSecret } from './bootstrap/jwt-secret.js';
import { createLifecycle, StartupError } from './bootstrap/lifecycle.js';
import { serviceConfigFromEnv } from './bootstrap/service-config.js';
import { setUpPayments } from './bootstrap/payments.js';
import { rateLimiterFromEnv } from './bootstrap/rate-limits.js';

// The API process's composition root: it reads the environment once and wires everything else.
const startedAt = performance.now();
const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL);
const lifecycle = createLifecycle(logger);

try {
  // Before touching the database, so a missing production secret fails fast.
  const jwtSecret = resolveJwtSecret(env, env.DATABASE_URL === undefined, logger);
  const { handle, embedded } = await openDatabase(env, logger, lifecycle);
  // Redis pub/sub with REDIS_URL, else in-process; closed after the HTTP/WebSocket drain.
  const pubsub = createPubSub({ redisUrl: env.REDIS_URL, logger });
  // Stripe, or in embedded mode without STRIPE_SECRET_KEY the built-in fake.
  const payments = await setUpPayments(env, embedded, logger, lifecycle);
  const services = createServices(
    handle.db,
    // No mail yet: in embedded mode verification codes also go to the console, where the newcomer looks.
    { ...serviceConfigFromEnv(env, jwtSecret, payments.config), printVerificationCodes: embedded },
    undefined,
    { pubsub, logger, listener: handle.listener },
  );
  // Role, deletion and revocation of any user reach this process's session cache at once.
  const unwatchSessions = await services.auth.watchSessions(handle.listener);
  lifecycle.onShutdown('session notifications', unwatchSessions);
  lifecycle.onShutdown('live feeds and pub/sub', async () => {
    services.live.close();
    await pubsub.close();
  });

  if (embedded) {
    const seed = await seedDemoCatalog(services);
    if (seed.seeded) logger.info(seed, 'demo catalog seeded');
  }
  const accounts = await bootstrapAccounts(services.auth, env, embedded, logger);
  // The demo's staff come with the demo's other accounts (embedded mode, not production).
  const staff = accounts.customer ? await ensureDemoStaff(services) : undefined;
  const onSaleSoon = embedded ? await services.catalog.nextSalesOpening() : undefined;

  const migrations = committedMigrationCount();
  const rateLimiter = rateLimiterFromEnv(env, logger, lifecycle);
  const host = listenHost(env, embedded);
  const server = await startHttpServer({
    services,
    logger,
    port: env.PORT,
    host,
    production: env.NODE_ENV === 'production',
    rateLimiter,
    persistedQueries: { mode: env.PERSISTED_QUERIES, manifestPath: env.PERSISTED_QUERIES_MANIFEST },
    trustProxy: env.TRUST_PROXY,
    wsMaxBufferedBytes: env.WS_MAX_BUFFERED_BYTES,
    showCacheMaxAgeMs: env.SHOW_CACHE_MAX_AGE_MS,
    isReady: () => migrationsApplied(handle.sql, migrations),
  }).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(`PORT: ${env.PORT} is already in use; stop the other process or set PORT`);
    }
    throw err;
  });
  lifecycle.onShutdown('HTTP and WebSocket server', server.stop);
  const loopback = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  payments.deliverWebhooksTo?.(`http://${loopback}:${server.port}/webhooks/stripe`);

  if (env.RUN_WORKER) {
    const workers = startWorkers({ services, config: env, logger });
    lifecycle.onShutdown('background jobs', workers.stop);
  }

  const startupMs = Math.round(performance.now() - startedAt);
  logger.info(
    { url: server.url, host, port: server.port, embedded, worker: env.RUN_WORKER, startupMs },
    'listening',
  );
  if (embedded) {
    process.stdout.write(
      startupBanner({
        url: server.url,
        localOnly: isLoopback(host),
        dataDir: path.resolve(env.DATA_DIR),
        ...accounts,
        ...(staff ? { staff } : {}),
        ...(onSaleSoon ? { onSaleSoon } : {}),
        ...(payments.fakeUrl ? { fakeStripeUrl: payments.fakeUrl } : {}),
      }) + '\n',
    );
  }
} catch (err) {
  await lifecycle.fail(err);
}
