import type { Logger } from '../logger.js';

/** A startup problem the operator can fix (bad setting, port taken): printed without a stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface Lifecycle {
  /** Registers a cleanup step; steps run in reverse order of registration, each once. */
  onShutdown(name: string, step: () => Promise<void>): void;
  /** Runs the cleanup steps and exits: `code`, or 1 when a step failed. */
  shutdown(reason: string, code?: number): Promise<never>;
  /** Logs a startup failure, cleans up what was started, exits 1. */
  fail(err: unknown): Promise<never>;
}

/** Backstop: exit 1 if cleanup has not finished by then. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Owns the process's shutdown: SIGTERM/SIGINT (and crashes) run the registered cleanups in
 * reverse order (workers, HTTP/WebSocket drain, pool, embedded Postgres), then exit.
 */
export function createLifecycle(logger: Logger): Lifecycle {
  const steps: { name: string; step: () => Promise<void> }[] = [];
  let stopping: Promise<never> | undefined;

  async function runSteps(reason: string, code: number): Promise<never> {
    logger.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    let failed = false;
    for (const { name, step } of steps.splice(0).reverse()) {
      try {
        logger.debug({ step: name }, 'stopping');
        await step();
      } catch (err) {
        failed = true;
        logger.error({ err, step: name }, 'shutdown step failed');
      }
    }
    clearTimeout(timer);
    logger.info('stopped');
    return process.exit(failed ? 1 : code);
  }

  const lifecycle: Lifecycle = {
    onShutdown: (name, step) => {
      steps.push({ name, step });
    },
    // A second signal (npm and the terminal both forward Ctrl+C) joins the running shutdown.
    shutdown: (reason, code = 0) => (stopping ??= runSteps(reason, code)),
    fail: (err) => {
      if (err instanceof StartupError) logger.error(err.message);
      else logger.fatal({ err }, 'startup failed');
      return lifecycle.shutdown('startup failed', 1);
    },
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void lifecycle.shutdown(signal));
  }
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    void lifecycle.shutdown('uncaught exception', 1);
  });
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'unhandled promise rejection');
    void lifecycle.shutdown('unhandled rejection', 1);
  });
  return lifecycle;
}
