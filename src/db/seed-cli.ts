import { openDatabase } from '../bootstrap/database.js';
import { loadEnvOrExit } from '../bootstrap/env.js';
import { createLifecycle } from '../bootstrap/lifecycle.js';
import { throwawayJwtSecret } from '../bootstrap/jwt-secret.js';
import { serviceConfigFromEnv } from '../bootstrap/service-config.js';
import { createServices } from '../domain/services.js';
import { createLogger } from '../logger.js';
import { seedDemoCatalog } from './seed.js';

// `npm run db:seed`: the demo catalog into DATABASE_URL (or the embedded database), only when
// the catalog is empty.
const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL, 'boxoffice-seed');
const lifecycle = createLifecycle(logger);
try {
  const { handle } = await openDatabase(env, logger, lifecycle);
  const services = createServices(handle.db, serviceConfigFromEnv(env, throwawayJwtSecret()));
  const result = await seedDemoCatalog(services);
  logger.info(
    result,
    result.seeded ? 'demo catalog seeded' : 'the catalog already has cities: nothing seeded',
  );
  await lifecycle.shutdown('done');
} catch (err) {
  await lifecycle.fail(err);
}
