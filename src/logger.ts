import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'boxoffice'): Logger {
  return pino({
    name,
    level,
    // Never log credentials, even when a whole request or config object is logged by accident.
    redact: ['req.headers.authorization', '*.password', '*.passwordHash', 'password', 'token'],
  });
}
