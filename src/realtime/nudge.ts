/**
 * An in-process wake-up for a polling loop: `poke()` ends the current `wait()` at once, or makes
 * the next one return immediately when nobody waits (the poke may concern work committed after
 * the loop's last look, so it is never dropped). Pokes between two waits collapse into one.
 */
export class Nudge {
  private pending = false;
  private readonly waiters = new Set<() => void>();

  poke(): void {
    if (this.waiters.size === 0) {
      this.pending = true;
      return;
    }
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves after `ms`, on a poke, or when `signal` aborts, whichever comes first. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.pending || signal?.aborted) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
