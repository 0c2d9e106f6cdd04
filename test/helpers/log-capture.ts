import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

export interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** pino levels by name, for assertions on captured entries. */
export const LEVEL = { info: 30, warn: 40, error: 50 } as const;

export interface CapturedLog {
  /** The real logger (pino, with the app's serializers), writing into memory. */
  logger: Logger;
  /** Everything written so far, one JSON line per entry. */
  text(): string;
  /** The entries written after the first `from` characters, parsed. */
  entries(from?: number): Record<string, any>[];
}

/** A logger whose output the test can read. */
export function captureLogs(level = 'info'): CapturedLog {
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  return {
    logger: createLogger(level, 'boxoffice', sink),
    text: () => output,
    entries: (from = 0) =>
      output
        .slice(from)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, any>),
  };
}

/** The same, with the entries kept in an array that fills as the logger writes. */
export function captureLogger(level = 'info'): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) entries.push(JSON.parse(line) as LogEntry);
      done();
    },
  });
  return { logger: createLogger(level, 'boxoffice', sink), entries };
}
