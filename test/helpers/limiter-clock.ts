import { afterAll, beforeAll, beforeEach, vi } from 'vitest';

/**
 * A controllable clock for rate-limit tests: only `Date` is faked, which is all the in-process
 * limiter reads, so a window passes in a call while sockets and timers stay real. One clock per
 * file that only moves forward; each test starts `freshMs` later, in fresh windows. Returns `tick`.
 */
export function limiterClock(freshMs: number): (ms: number) => void {
  const tick = (ms: number) => vi.setSystemTime(Date.now() + ms);
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });
  beforeEach(() => tick(freshMs));
  return tick;
}
