import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface SpawnedProcess {
  child: ChildProcess;
  /** The port from the ready log line (0 when it has none). */
  port: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node --import tsx <script>` (exactly what `npm start` and `npm run worker` run) with
 * only the given environment plus PATH, and waits for the log line whose msg is `ready`.
 */
export async function spawnEntrypoint(
  env: Record<string, string>,
  { script = 'src/main.ts', ready = 'listening', timeoutMs = 60_000 } = {},
): Promise<SpawnedProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${ready}" line within ${timeoutMs} ms:\n${out}\n${err}`)),
      timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === ready) {
          clearTimeout(timer);
          resolve(entry.port ?? 0);
        }
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before "${ready}":\n${out}\n${err}`));
    });
  });
  return { child, port, stdout: () => out, stderr: () => err, exited };
}

/** The first JSON log line of the process whose `msg` is `msg`. */
export function logEntry(api: SpawnedProcess, msg: string): Record<string, any> | undefined {
  return api
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>)
    .find((entry) => entry['msg'] === msg);
}

/** An address of this machine that is not loopback: what another machine would connect to. */
export const externalAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

/** Whether GET /healthz answers at `host:port` (false when the connection is refused). */
export const answersAt = (host: string, port: number): Promise<boolean> =>
  fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
    (res) => res.ok,
    () => false,
  );
