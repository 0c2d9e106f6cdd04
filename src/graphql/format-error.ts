import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

// Apollo's request-level codes, folded into the contract's BAD_USER_INPUT; the original is kept
// in `extensions.reason` for debugging clients.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_USER_INPUT',
]);
// Protocol codes clients act on (APQ, the allowlist, rate limits raised before any resolver runs):
// passed through unchanged.
const PROTOCOL_CODES = new Set([
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_IN_LIST',
  'RATE_LIMITED',
]);

/** The one mapping from thrown errors to the contract's error codes, for HTTP and WebSocket alike. */
export function createFormatError(logger: Logger) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...original.details, code: original.code },
      };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && PROTOCOL_CODES.has(code)) return formatted;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      const { stacktrace: _drop, ...rest } = formatted.extensions ?? {};
      const field = variableField(formatted.message);
      return {
        ...formatted,
        extensions: { ...rest, code: 'BAD_USER_INPUT', reason: code, ...(field ? { field } : {}) },
      };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
export type FormatError = ReturnType<typeof createFormatError>;

/**
 * graphql-js names the offending variable path in its coercion message (`Variable "$input" got
 * invalid value ... at "input.startsAt"`); exposing it as `field` gives a bad date the same shape
 * as a domain ValidationError.
 */
function variableField(message: string): string | undefined {
  const m =
    /^Variable "\$(\w+)" (?:got invalid value .*? at "([\w.[\]]+)";|got invalid value|of required type)/s.exec(
      message,
    );
  return m ? (m[2] ?? m[1]) : undefined;
}
