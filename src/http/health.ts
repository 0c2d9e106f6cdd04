import type { Router } from 'express';
import express from 'express';

/** `/healthz`: the process is up. `/readyz`: the database answers and migrations are applied. */
export function healthRoutes(isReady: () => Promise<boolean>): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  return router;
}
