import { ValidationError } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is rejected before it reaches SQL. */
export function parseId(value: string, field: string): string {
  if (!UUID.test(value)) throw new ValidationError(`${field} is not a valid id`, field);
  return value.toLowerCase();
}

export function parseOptionalId(value: string | null | undefined, field: string): string | undefined {
  return value == null ? undefined : parseId(value, field);
}

/** Trims and checks length; returns the trimmed string. */
export function parseText(value: string, field: string, { min = 1, max = 200 } = {}): string {
  const v = value.trim();
  if (v.length < min || v.length > max) {
    throw new ValidationError(`${field} must be ${min} to ${max} characters`, field);
  }
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
export function parseEmail(value: string, field = 'email'): string {
  const v = value.trim().toLowerCase();
  if (v.length > 254 || !EMAIL.test(v)) throw new ValidationError(`${field} is not a valid email address`, field);
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
