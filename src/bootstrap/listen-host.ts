import type { Env } from '../config/env.js';

/**
 * The interface the API listens on: HOST when set; otherwise 127.0.0.1 in embedded mode (a demo
 * whose admin password is in the README: only this machine should reach it) and 0.0.0.0 with
 * DATABASE_URL (containers, hosts behind a load balancer; docker-compose relies on it).
 */
export function listenHost(env: Env, embedded: boolean): string {
  return env.HOST ?? (embedded ? '127.0.0.1' : '0.0.0.0');
}

/** Whether only this machine can connect to `host`. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
