/**
 * Fault injection, for testing what Boxoffice does when Stripe misbehaves:
 * - `http500`: answer 500 before doing anything (nothing saved for the idempotency key, so a
 *   retry runs the request for real);
 * - `http500AfterProcessing`: do the work (money moves), then answer 500, which Stripe saves for
 *   the key and replays to retries: the caller cannot learn the outcome by retrying;
 * - `timeout`: do the work, then hold the response for `delayMs` (longer than the client's
 *   timeout), as when the answer is lost on the way back.
 */
export interface FaultSpec {
  kind: 'http500' | 'http500AfterProcessing' | 'timeout';
  /** Only requests with this method (default: POST). */
  method?: string;
  /** Only requests whose path starts with this (default: any `/v1/` path). */
  path?: string;
  /** For `timeout`, how long the answer is held (default 30 s). */
  delayMs?: number;
  /** How many matching requests it hits (default 1). */
  times?: number;
}

export class FaultQueue {
  private faults: (FaultSpec & { left: number })[] = [];

  add(fault: FaultSpec): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault matching the request, consumed once. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.faults.find(
      (f) => (f.method ?? 'POST') === method && path.startsWith(f.path ?? '/v1/') && f.left > 0,
    );
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
