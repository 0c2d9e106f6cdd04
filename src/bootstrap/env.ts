import { loadEnv, type Env } from '../config/env.js';

/**
 * For entrypoints only (API, worker, CLIs): parse the environment once, or print which variables
 * are wrong and exit 1. A stack trace would only hide the message.
 */
export function loadEnvOrExit(source: NodeJS.ProcessEnv = process.env): Env {
  try {
    return loadEnv(source);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return process.exit(1);
  }
}
