import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second (USER_HZ), in which /proc reports CPU time. */
const CLOCK_TICKS = 100;

/** CPU time (ms, user + system) a process has used so far, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** CPU time (ms) used so far by every process named `name` (e.g. all Postgres backends). */
export function cpuMsOfProcessesNamed(name: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== name) continue;
      total += processCpuMs(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** Samples the CPU of the API process and of Postgres at two instants (the measured window). */
export function cpuWindow(apiPid: number, fromMs: number, toMs: number) {
  const at = () => ({ api: processCpuMs(apiPid), postgres: cpuMsOfProcessesNamed('postgres') });
  let first = { api: 0, postgres: 0 };
  let last = { api: 0, postgres: 0 };
  const done = Promise.all([
    new Promise<void>((r) => setTimeout(() => r(void (first = at())), fromMs)),
    new Promise<void>((r) => setTimeout(() => r(void (last = at())), toMs)),
  ]);
  return done.then(() => ({ api: last.api - first.api, postgres: last.postgres - first.postgres }));
}
