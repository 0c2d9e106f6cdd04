import { DrizzleQueryError } from 'drizzle-orm';
import postgres from 'postgres';

/**
 * One line about an error, safe to log or to store in a row (`stripe_events.last_error`,
 * `refunds.last_error`). Drizzle's query errors carry every bind value in their message
 * ("params: ...": password hashes, Stripe client secrets), and Postgres' DETAIL quotes the
 * failing row or key, so a query error is told by its SQL text (with `$n` placeholders) and the
 * Postgres code and message of its cause; any other error by its message. Causes follow.
 */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = err; e !== undefined && e !== null && !seen.has(e); e = (e as Error).cause) {
    seen.add(e);
    parts.push(describeOne(e));
    if (!(e instanceof Error)) break;
  }
  return parts.join('; caused by: ');
}

/**
 * pino's `err` serializer: type, safe message (describeError), the stack's frames without the
 * message V8 wrote at their head, and the error's code. Nothing else of the error is copied:
 * pino's own serializer copies every enumerable property (Drizzle's `params`, and postgres.js'
 * `parameters` when its debug option is on).
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const type = err.constructor.name;
  const message = describeError(err);
  const code = codeOf(err);
  return { type, message, ...(code ? { code } : {}), stack: `${type}: ${message}${framesOf(err)}` };
}

function describeOne(e: unknown): string {
  if (e instanceof DrizzleQueryError) return `Failed query: ${e.query}`;
  if (e instanceof postgres.PostgresError) return `Postgres ${e.code}: ${postgresMessage(e)}`;
  if (e instanceof Error) return e.message;
  // A thrown object could hold anything; a thrown string is its own message.
  return typeof e === 'string' ? e : `a thrown ${typeof e}`;
}

/**
 * Data exceptions (class 22) quote the offending input in their message
 * (`invalid input syntax for type uuid: "..."`); every other message names only objects.
 */
function postgresMessage(e: postgres.PostgresError): string {
  return e.code.startsWith('22') ? e.message.replace(/"(?:[^"]|"")*"/g, '"…"') : e.message;
}

/** The first SQLSTATE (or other string code) along the cause chain. */
function codeOf(err: Error): string | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The stack without its head: V8 starts it with `${name}: ${message}` as it was at capture. */
function framesOf(err: Error): string {
  const stack = err.stack ?? '';
  const head = String(err);
  if (stack.startsWith(head)) return stack.slice(head.length);
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.map((line) => `\n${line}`).join('');
}
