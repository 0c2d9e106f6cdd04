import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';
import { rateLimitedBody } from './rate-limits/rate-limited-error.js';
import type { RateLimiter, RateLimitRejection } from './rate-limits/rate-limiter.js';

export interface WsUpgradeOptions {
  /** The per-IP upgrade limits; none when absent (RATE_LIMITS=off). */
  rateLimiter?: RateLimiter | undefined;
  /** The client IP of an upgrade request (honours `trust proxy` like Express does). */
  clientIp: (request: IncomingMessage) => string;
  logger: Logger;
}

/**
 * Hands the HTTP server's upgrades to a `noServer` WebSocket server, after the per-IP limits on
 * open sockets and upgrades per minute: a refused upgrade is answered 429 with `Retry-After` and
 * the RATE_LIMITED body of HTTP, before any handshake. Upgrades for another path are left to
 * `handleUpgrade`, which refuses them (400) without charging anything.
 */
export function routeUpgrades(httpServer: Server, wss: WebSocketServer, opts: WsUpgradeOptions): void {
  const { rateLimiter, logger } = opts;
  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const accept = () => wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    if (!rateLimiter || !wss.shouldHandle(request)) return accept();
    // Node drops its own error listener on upgrade; until ws adds one, a reset must not throw.
    const onError = () => socket.destroy();
    socket.on('error', onError);
    rateLimiter.upgrade(opts.clientIp(request)).then(
      (admitted) => {
        if ('rejected' in admitted) return refuse(socket, admitted.rejected);
        // The IP's place is held until the connection ends, whether the handshake fails or the
        // socket closes much later; a client that left during the check gives it back at once.
        if (socket.destroyed) return admitted.release();
        socket.once('close', admitted.release);
        socket.off('error', onError);
        accept();
      },
      (err: unknown) => {
        logger.error({ err }, 'WebSocket upgrade check failed');
        socket.destroy();
      },
    );
  });
}

/** A 429 on the raw socket, as `ws` answers a refused handshake, then the connection ends. */
function refuse(socket: Duplex, rejected: RateLimitRejection): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(rateLimitedBody(rejected));
  socket.once('finish', () => socket.destroy());
  socket.end(
    'HTTP/1.1 429 Too Many Requests\r\n' +
      'Connection: close\r\n' +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `Retry-After: ${rejected.retryAfterSeconds}\r\n\r\n` +
      body,
  );
}
