import express, { type RequestHandler } from 'express';
import type { AppServices } from '../domain/services.js';

/** Request bodies above this are refused with 413 before they are read. */
export const MAX_BODY_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON body of a GraphQL POST: at most 64 KB, strict UTF-8 (invalid bytes are a 400, not a
 * silent U+FFFD that would then reach the database).
 */
export function graphqlJsonBody(): RequestHandler {
  return express.json({
    limit: MAX_BODY_BYTES,
    verify: (_req, _res, buf) => {
      try {
        utf8.decode(buf);
      } catch {
        throw Object.assign(new Error('Request body is not valid UTF-8'), { status: 400, expose: true });
      }
    },
  });
}

const SIMPLE_OR_WRONG = 'Send GraphQL POST requests as Content-Type: application/json';

/**
 * CSRF protection and content negotiation for `/graphql`.
 *
 * A browser can send a cross-site request without a CORS preflight only as a "simple request":
 * GET, or POST with text/plain, application/x-www-form-urlencoded or multipart/form-data. So:
 * - POST must be `application/json` (415 otherwise): that content type always triggers a preflight,
 *   which a foreign origin fails because we send no CORS headers. Mutations can only come this way.
 * - GET runs queries only (Apollo answers 405 for a mutation) and stays open to simple requests, as
 *   the GraphQL-over-HTTP spec and partners' GET clients expect. It cannot act as a user: tokens
 *   travel in the Authorization header, never in cookies, and a simple request cannot set it. Nor
 *   can a foreign page read the answer: JSON with `nosniff` cannot be loaded as a script.
 * This replaces Apollo's header-based csrfPrevention, which would make every GET client add an
 * `apollo-require-preflight` header and fails the GraphQL-over-HTTP audit for plain GETs.
 */
export function graphqlRequestGuards(): RequestHandler {
  return (req, res, next) => {
    res.set('x-content-type-options', 'nosniff');
    if (req.method === 'POST') {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') {
        res
          .status(415)
          .json({ errors: [{ message: SIMPLE_OR_WRONG, extensions: { code: 'BAD_USER_INPUT' } }] });
        return;
      }
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .status(405)
        .set('allow', 'GET, POST')
        .json({
          errors: [
            {
              message: 'Use GET for queries or POST for any operation',
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        });
      return;
    }
    next();
  };
}

/** Authenticates the bearer token once per request; the context and the rate limits share it. */
export function resolveViewer(auth: AppServices['auth']): RequestHandler {
  return (req, res, next) => {
    auth.authenticate(req.headers.authorization).then((viewer) => {
      res.locals['viewer'] = viewer;
      next();
    }, next);
  };
}
