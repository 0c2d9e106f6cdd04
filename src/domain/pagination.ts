import { ValidationError } from '../errors.js';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first`: 1-100, default 20. */
export function parseFirst(first: number | null | undefined, field = 'first'): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError(`${field} must be an integer from 1 to ${MAX_PAGE_SIZE}`, field);
  }
  return first;
}

/** The keyset position a cursor stands for: the row's sort value and its id (the tie-breaker). */
export interface CursorKey {
  value: string;
  id: string;
}

// Sort values are bounded text (titles, names, ISO timestamps), so a real cursor stays far below this.
const MAX_CURSOR_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Opaque to clients: base64url of `[kind, value, id]`. The kind stops a venue cursor from being
 * replayed against the events list, where it would silently mean something else.
 */
export function encodeCursor(kind: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([kind, key.value, key.id])).toString('base64url');
}

/**
 * Decodes `after`; anything we did not issue for this list (wrong kind, bad shape, bad id, or a
 * value `isValue` rejects) is BAD_USER_INPUT naming the field, never a database error.
 */
export function decodeCursor(
  kind: string,
  cursor: string | null | undefined,
  isValue: (value: string) => boolean = () => true,
  field = 'after',
): CursorKey | undefined {
  if (cursor == null) return undefined;
  const invalid = () => new ValidationError(`${field} is not a valid cursor for this list`, field);
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [k, value, id] = parsed as unknown[];
  if (k !== kind || typeof value !== 'string' || typeof id !== 'string') throw invalid();
  if (!UUID.test(id) || !isValue(value)) throw invalid();
  return { value, id };
}

/**
 * Builds a forward-only connection from up to `first + 1` rows (the extra row only says whether
 * there is a next page). `hasPreviousPage` is always false, as the Relay spec allows when
 * paginating with `first`/`after`.
 */
export function toConnection<T>(
  rows: readonly T[],
  first: number,
  cursorOf: (row: T) => string,
): Connection<T> {
  const page = rows.length > first ? rows.slice(0, first) : rows;
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
