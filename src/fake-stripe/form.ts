/**
 * Stripe's request bodies are `application/x-www-form-urlencoded` with bracketed keys
 * (`metadata[hold_id]=...`, `payment_method_types[0]=card`); this turns one into the nested
 * object the API would see. Numeric segments make arrays, as in Stripe's own encoding.
 */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = splitKey(rawKey);
    if (path.length === 0) continue;
    let node: FormObject | FormValue[] = root;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const container = node as Record<string, FormValue>;
      if (last) {
        container[segment] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[i + 1]!);
      const existing = container[segment];
      if (existing === undefined || typeof existing === 'string') container[segment] = nextIsIndex ? [] : {};
      node = container[segment] as FormObject | FormValue[];
    });
  }
  return root;
}

function splitKey(key: string): string[] {
  const head = /^[^[\]]+/.exec(key)?.[0];
  if (!head) return [];
  const rest = [...key.slice(head.length).matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!);
  return [head, ...rest];
}

/** JSON with sorted keys: two requests carry "the same parameters" when these are equal. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
