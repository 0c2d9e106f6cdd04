import { createDb } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { createServices } from './domain/services.js';
import { createLogger } from './logger.js';
import { createPubSub } from './realtime/pubsub.js';
import { startWorkers } from './workers/index.js';
import { loadEnvOrExit } from './bootstrap/env.js';
import { throwawayJwtSecret } from './bootstrap/jwt-secret.js';
import { createLifecycle } from './bootstrap/lifecycle.js';
import { serviceConfigFromEnv } from './bootstrap/service-config.js';

// A standalone worker (`npm run worker`) beside API processes started with RUN_WORKER=false.
const env = loadEnvOrExit();
if (!env.DATABASE_URL) {
  process.stderr.write(
    'DATABASE_URL: required for a standalone worker (without it, `npm start` runs the jobs in-process)\n',
  );
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL, 'boxoffice-worker');
const lifecycle = createLifecycle(logger);

try {
  // Under an advisory lock, so a worker started together with the API processes is safe.
  await runMigrations(env.DATABASE_URL);
  const handle = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
  lifecycle.onShutdown('database pool', handle.close);
  // The relay publishes to Redis (REDIS_URL); without it only this process would hear the changes.
  const pubsub = createPubSub({ redisUrl: env.REDIS_URL, logger });
  lifecycle.onShutdown('pub/sub', () => pubsub.close());
  const services = createServices(
    handle.db,
    serviceConfigFromEnv(env, env.JWT_SECRET ?? throwawayJwtSecret()),
    undefined,
    { pubsub, logger, listener: handle.listener },
  );
  const workers = startWorkers({ services, config: env, logger });
  lifecycle.onShutdown('background jobs', workers.stop);
  logger.info('worker started');
} catch (err) {
  await lifecycle.fail(err);
}
