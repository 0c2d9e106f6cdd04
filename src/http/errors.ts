import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger.js';

/**
 * Errors raised before GraphQL runs (body parser: invalid JSON, body too large, bad encoding):
 * a GraphQL-shaped 4xx, never Express's HTML page with a stack trace.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string };
    const status = e.status ?? e.statusCode ?? 500;
    if (status >= 500) {
      logger.error({ err }, 'unhandled HTTP error');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    const message =
      e.type === 'entity.too.large'
        ? 'Request body is too large'
        : e.type === 'entity.parse.failed'
          ? 'Request body is not valid JSON'
          : e.expose && e.message
            ? e.message
            : 'Bad request';
    res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
  };
}
