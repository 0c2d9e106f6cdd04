import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../src/db/embedded.js';

export interface ApiProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  /** Peak resident memory of the API process in bytes (from /proc), sampled while it runs. */
  stop(): Promise<void>;
}

/** Starts `src/main.ts` as its own process (the load generator must not share its event loop). */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort(0);
  // BENCH_API_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API under load.
  const flags = (process.env['BENCH_API_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with code ${child.exitCode} during start`);
    const ready = await fetch(`${origin}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('API did not become ready within 60 s');
    await sleep(200);
  }
  return {
    url: `${origin}/graphql`,
    origin,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
