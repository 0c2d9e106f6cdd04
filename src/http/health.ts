import type { Router } from 'express';
import express from 'express';

/** How long a readiness answer is reused: probes and floods alike cost the database one query a second. */
const READY_CHECK_REUSE_MS = 1_000;

/** `/healthz`: the process is up. `/readyz`: the database answers and migrations are applied. */
export function healthRoutes(isReady: () => Promise<boolean>): Router {
  const ready = reused(isReady, READY_CHECK_REUSE_MS);
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const answer = await ready();
    res.status(answer ? 200 : 503).json({ status: answer ? 'ready' : 'not ready' });
  });
  return router;
}

/**
 * A check run at most once per `reuseMs`: calls while it runs share it, and its answer (a failure
 * counts as false) is reused for `reuseMs` after it settles. A hanging check is never run twice at once.
 */
function reused(check: () => Promise<boolean>, reuseMs: number): () => Promise<boolean> {
  let running: Promise<boolean> | undefined;
  let last: { answer: boolean; until: number } | undefined;
  return () => {
    if (last && performance.now() < last.until) return Promise.resolve(last.answer);
    running ??= check()
      .catch(() => false)
      .then((answer) => {
        last = { answer, until: performance.now() + reuseMs };
        running = undefined;
        return answer;
      });
    return running;
  };
}
