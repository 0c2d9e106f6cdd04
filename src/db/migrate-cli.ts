import { openDatabase } from '../bootstrap/database.js';
import { loadEnvOrExit } from '../bootstrap/env.js';
import { createLifecycle } from '../bootstrap/lifecycle.js';
import { createLogger } from '../logger.js';

// `npm run db:migrate`: DATABASE_URL, or the embedded Postgres under DATA_DIR.
const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL, 'boxoffice-migrate');
const lifecycle = createLifecycle(logger);
try {
  await openDatabase(env, logger, lifecycle); // migrates
  logger.info('migrations applied');
  await lifecycle.shutdown('done');
} catch (err) {
  await lifecycle.fail(err);
}
