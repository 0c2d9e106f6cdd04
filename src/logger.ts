import { pino, type DestinationStream, type Logger } from 'pino';
import { describeError, serializeError } from './describe-error.js';

export type { Logger };

/** `destination`: where lines go (default stdout); tests capture them with a stream. */
export function createLogger(level: string, name = 'boxoffice', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    // Never log credentials, even when a whole request or config object is logged by accident.
    redact: ['req.headers.authorization', '*.password', '*.passwordHash', 'password', 'token'],
    // Errors without their query parameters or Postgres DETAIL (see describeError).
    serializers: { err: serializeError },
    hooks: {
      // pino takes the message of `log(err)` or `log({ err })` from err.message itself, bypassing
      // the serializer: give it the safe one.
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        const [first] = args;
        const err = first instanceof Error ? first : (first as { err?: unknown } | undefined)?.err;
        if (args.length === 1 && err instanceof Error) return method.apply(this, [first, describeError(err)]);
        return method.apply(this, args);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
