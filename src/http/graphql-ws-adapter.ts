import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, MessageType, type ConnectionInitMessage, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';

/** Message types a client may send (graphql-transport-ws); the others only flow server -> client. */
const CLIENT_TYPES = new Set<string>([
  MessageType.ConnectionInit,
  MessageType.Ping,
  MessageType.Pong,
  MessageType.Subscribe,
  MessageType.Complete,
]);

/**
 * A subscribe that names a persisted operation by its hash alone carries no `query`, which
 * graphql-ws requires (4400 otherwise): it gets an empty one, and `onSubscribe` looks the
 * operation up (ws-limits.ts, persisted-queries.ts).
 */
function namedByHashAlone(message: unknown): void {
  const m = message as { type?: unknown; payload?: { query?: unknown; extensions?: { persistedQuery?: unknown } } };
  if (m?.type !== MessageType.Subscribe || !m.payload || typeof m.payload !== 'object') return;
  if (m.payload.query === undefined && m.payload.extensions?.persistedQuery) m.payload.query = '';
}

/**
 * graphql-ws on a `ws` server: `graphql-ws/use/ws`'s `useServer` with four differences.
 *  - A client sending a server-only message (`next`, `error`, `connection_ack`) gets 4400 Bad
 *    Request, as the protocol says for any message it does not expect; graphql-ws throws there
 *    and its adapter answers 4500 Internal Server Error (and writes to console.error).
 *  - Errors go to the app's logger, not console.error.
 *  - One heartbeat timer for all sockets instead of an interval and a pong listener per socket:
 *    an idle seat-map viewer costs a socket and little else.
 *  - A subscribe may name a persisted operation by hash alone (`namedByHashAlone`).
 */
export function useGraphqlWs<P extends ConnectionInitMessage['payload'], E extends Record<PropertyKey, unknown>>(
  options: ServerOptions<P, Extra & Partial<E>>,
  ws: WebSocketServer,
  { logger, keepAliveMs = 12_000 }: { logger: Logger; keepAliveMs?: number },
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  // Accept only graphql-transport-ws; anything else is closed with 4406 by graphql-ws.
  ws.options.handleProtocols = handleProtocols;
  const alive = new WeakSet<WebSocket>();

  // Each keepAlive period: a socket that did not answer the last ping is gone; ping the others.
  const heartbeat = setInterval(() => {
    for (const socket of ws.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      if (socket.readyState === socket.OPEN) socket.ping();
    }
  }, keepAliveMs);
  heartbeat.unref();

  ws.on('error', (err) => logger.error({ err }, 'WebSocket server error'));
  ws.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
    socket.once('error', (err) => {
      logger.warn({ err }, 'WebSocket error');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (err) => (err ? reject(err) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', async (data) => {
            let message: unknown;
            try {
              message = JSON.parse(String(data));
            } catch {
              return socket.close(CloseCode.BadRequest, 'Invalid message received');
            }
            const type = (message as { type?: unknown } | null)?.type;
            if (typeof type === 'string' && !CLIENT_TYPES.has(type) && Object.values(MessageType).includes(type as MessageType)) {
              return socket.close(CloseCode.BadRequest, `Unexpected message of type ${type} received`);
            }
            namedByHashAlone(message);
            try {
              // graphql-ws accepts an already parsed message: no second JSON.parse.
              await cb(message as unknown as string);
            } catch (err) {
              logger.error({ err }, 'graphql-ws message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request } as Extra & Partial<E>,
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });

  return {
    dispose: async () => {
      clearInterval(heartbeat);
      for (const client of ws.clients) client.close(1001, 'Going away');
      ws.removeAllListeners();
      await new Promise<void>((resolve, reject) => ws.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
