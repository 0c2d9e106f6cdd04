import { ValidationError } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isId = (value: string): boolean => UUID.test(value);

/** Ids are UUIDs; anything else is rejected before it reaches SQL. */
export function parseId(value: string, field: string): string {
  if (!isId(value)) throw new ValidationError(`${field} is not a valid id`, field);
  return value.toLowerCase();
}

export function parseOptionalId(value: string | null | undefined, field: string): string | undefined {
  return value == null ? undefined : parseId(value, field);
}

// Postgres text cannot hold NUL (the driver error would surface as a 500), and other control
// characters only ever come from broken clients or probing. Tab and newlines stay: descriptions use them.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Trims and checks length; returns the trimmed string. */
export function parseText(value: string, field: string, { min = 1, max = 200 } = {}): string {
  const v = value.trim();
  if (v.length < min || v.length > max) {
    throw new ValidationError(`${field} must be ${min} to ${max} characters`, field);
  }
  if (CONTROL_CHARS.test(v)) throw new ValidationError(`${field} must not contain control characters`, field);
  return v;
}

export function parseOptionalText(
  value: string | null | undefined,
  field: string,
  opts: { min?: number; max?: number } = {},
): string | null {
  if (value == null) return null;
  const v = value.trim();
  return v === '' ? null : parseText(v, field, opts);
}

export function parseInteger(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(`${field} must be an integer from ${min} to ${max}`, field);
  }
  return value;
}

// Pragmatic (WHATWG-like) email check: one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (value: string): boolean =>
  value.length <= 254 && EMAIL.test(value) && !CONTROL_CHARS.test(value);

export function parseEmail(value: string, field = 'email'): string {
  const v = value.trim().toLowerCase();
  if (!isEmail(v)) throw new ValidationError(`${field} is not a valid email address`, field);
  return v;
}

export function parseDate(value: Date | string, field: string): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new ValidationError(`${field} is not a valid date-time`, field);
  return d;
}

/** Idempotency keys: client-chosen, 1-200 printable characters (a UUID is typical). */
export function parseIdempotencyKey(value: string | null | undefined, field = 'idempotencyKey'): string | undefined {
  if (value == null) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new ValidationError(`${field} must be 1 to 200 printable ASCII characters`, field);
  }
  return value;
}
