import { canonical } from './form.js';
import type { FakeResponse } from './ledger.js';

interface Saved {
  fingerprint: string;
  response: FakeResponse;
}

export type IdempotencyDecision =
  { kind: 'new' } | { kind: 'replay'; response: FakeResponse } | { kind: 'mismatch'; response: FakeResponse };

/**
 * Stripe's v1 idempotency: the first response of a key is saved once the endpoint has started
 * executing (so a 500 from inside the endpoint is saved too, and replayed) and any later
 * request with that key gets it back, unless its method, path or parameters differ, which is an
 * `idempotency_error`. Keys live 24 h at Stripe; a test server never lives that long.
 */
export class IdempotencyStore {
  private readonly saved = new Map<string, Saved>();

  check(key: string, method: string, path: string, params: unknown): IdempotencyDecision {
    const saved = this.saved.get(key);
    if (!saved) return { kind: 'new' };
    if (saved.fingerprint === fingerprint(method, path, params))
      return { kind: 'replay', response: saved.response };
    return {
      kind: 'mismatch',
      response: {
        status: 400,
        body: {
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        },
      },
    };
  }

  save(key: string, method: string, path: string, params: unknown, response: FakeResponse): void {
    this.saved.set(key, { fingerprint: fingerprint(method, path, params), response });
  }

  get size(): number {
    return this.saved.size;
  }
}

const fingerprint = (method: string, path: string, params: unknown) =>
  `${method} ${path} ${canonical(params)}`;
