import type { IncomingMessage } from 'node:http';

/** `TRUST_PROXY` as Express takes it: `true`, a hop count, or names/CIDRs (`loopback, 10.0.0.0/8`). */
export function trustProxyValue(setting: string): boolean | number | string {
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}

/**
 * The client IP of a WebSocket upgrade, by Express's rule (proxy-addr): walk X-Forwarded-For from
 * the nearest hop and stop at the first address the `trust proxy` function does not trust.
 * Express does this for HTTP requests (`req.ip`); upgrades never pass through Express.
 */
export function upgradeClientIp(
  request: IncomingMessage,
  trust: (addr: string, hop: number) => boolean,
): string {
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .reverse();
  const hops = [request.socket.remoteAddress ?? 'unknown', ...forwarded];
  for (let i = 0; i < hops.length - 1; i++) if (!trust(hops[i]!, i)) return hops[i]!;
  return hops[hops.length - 1]!;
}
