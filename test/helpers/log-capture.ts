import { pino, type Logger } from 'pino';

export interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** pino levels by name, for assertions on captured entries. */
export const LEVEL = { info: 30, warn: 40, error: 50 } as const;

/** A real pino logger whose entries are kept in memory, so tests can read what was logged. */
export function captureLogger(level = 'info'): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const logger = pino(
    { level },
    { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) },
  );
  return { logger, entries };
}
