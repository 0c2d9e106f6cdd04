import type { EventRow } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';
import { parseInteger, parseOptionalText, parseText } from '../validation.js';

export type EventKind = EventRow['kind'];

/** The editable fields of an event as the API receives them (`null` clears an optional one). */
export interface EventFieldsInput {
  title?: string | null;
  description?: string | null;
  genres?: readonly string[] | null;
  language?: string | null;
  durationMinutes?: number | null;
  rating?: string | null;
  posterUrl?: string | null;
  maxTicketsPerUser?: number | null;
}

export type EventFields = Partial<
  Pick<
    EventRow,
    | 'title'
    | 'description'
    | 'genres'
    | 'language'
    | 'durationMinutes'
    | 'rating'
    | 'posterUrl'
    | 'maxTicketsPerUser'
  >
>;

const MAX_GENRES = 10;
export const DEFAULT_MAX_TICKETS_PER_USER = 10;

/**
 * Validates the fields present in `input` (absent: unchanged; null: cleared where the field is
 * optional, refused where it is required). `extensions.field` paths start with `input.`.
 */
export function parseEventFields(input: EventFieldsInput): EventFields {
  const out: EventFields = {};
  if (input.title !== undefined)
    out.title = parseText(required(input.title, 'title'), 'input.title', { max: 200 });
  if (input.description !== undefined)
    out.description = parseOptionalText(input.description, 'input.description', { max: 5000 });
  if (input.genres !== undefined) out.genres = parseGenres(input.genres ?? []);
  if (input.language !== undefined) out.language = parseLanguage(input.language);
  if (input.durationMinutes !== undefined)
    out.durationMinutes = parseInteger(
      required(input.durationMinutes, 'durationMinutes'),
      'input.durationMinutes',
      1,
      1440,
    );
  if (input.rating !== undefined) out.rating = parseOptionalText(input.rating, 'input.rating', { max: 20 });
  if (input.posterUrl !== undefined) out.posterUrl = parsePosterUrl(input.posterUrl);
  if (input.maxTicketsPerUser !== undefined)
    out.maxTicketsPerUser = parseInteger(
      required(input.maxTicketsPerUser, 'maxTicketsPerUser'),
      'input.maxTicketsPerUser',
      1,
      1000,
    );
  return out;
}

function required<T>(value: T | null, name: string): T {
  if (value === null) throw new ValidationError(`${name} cannot be cleared`, `input.${name}`);
  return value;
}

function parseGenres(raw: readonly string[]): string[] {
  if (raw.length > MAX_GENRES) throw new ValidationError(`at most ${MAX_GENRES} genres`, 'input.genres');
  return [...new Set(raw.map((g, i) => parseText(g, `input.genres[${i}]`, { max: 40 }).toLowerCase()))];
}

function parseLanguage(value: string | null): string | null {
  const language = parseOptionalText(value, 'input.language', { max: 35 });
  if (language && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(language)) {
    throw new ValidationError('language must be a BCP-47 tag such as "en" or "pt-BR"', 'input.language');
  }
  return language;
}

function parsePosterUrl(value: string | null): string | null {
  const url = parseOptionalText(value, 'input.posterUrl', { max: 2000 });
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('posterUrl must be an absolute http(s) URL', 'input.posterUrl');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ValidationError('posterUrl must be an absolute http(s) URL', 'input.posterUrl');
  return parsed.toString();
}
