import { GraphQLError } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket } from 'ws';
import type { AuthService } from '../domain/auth/auth.service.js';
import type { Viewer } from '../domain/auth/tokens.js';

/** What a connection carries for authentication (`ctx.extra`, besides socket and request). */
export type WsAuthExtra = {
  viewer?: Viewer | null;
  /** The `connection_init` authorization, checked again before every operation. */
  authorization?: string;
};

type AuthContext = Context<Record<string, unknown> | undefined, WsAuthExtra & Extra>;

// setTimeout fires at once beyond 2^31 - 1 ms (about 24.8 days): longer tokens re-arm.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * WebSocket authentication. The token in `connection_init` is checked when the socket opens
 * (a bad one closes it with 4403; none is anonymous), the socket is closed with 4403 the moment
 * the token expires, and every operation re-checks it through `auth.authenticate` (the session
 * cache: the user's current role, existence and token version, at most 1 s old), so a demoted
 * user's next operation runs with the new role and a deleted or revoked one's closes the socket.
 */
export function wsAuth(auth: AuthService) {
  const forbidden = (ctx: AuthContext, reason: string) => {
    ctx.extra.viewer = null;
    ctx.extra.socket.close(CloseCode.Forbidden, reason);
  };
  return {
    onConnect: async (ctx: AuthContext): Promise<boolean> => {
      const authorization = ctx.connectionParams?.['authorization'];
      if (authorization === undefined) {
        ctx.extra.viewer = null;
        return true;
      }
      const session = await auth.authenticateSession(authorization);
      if (!session || typeof authorization !== 'string') return false; // 4403: a bad token is not anonymous
      ctx.extra.viewer = session.viewer;
      ctx.extra.authorization = authorization;
      closeAtExpiry(ctx.extra.socket, session.expiresAtMs, () => forbidden(ctx, 'Token expired'));
      return true;
    },

    /**
     * Wraps graphql-ws's `onSubscribe`: the viewer is refreshed before the operation's own checks
     * (rate limits count a demoted admin as the customer it now is) and its context is built.
     */
    guard<A extends unknown[], R>(next: (ctx: AuthContext, ...rest: A) => Promise<R>) {
      return async (ctx: AuthContext, ...rest: A): Promise<R | GraphQLError[]> => {
        if (ctx.extra.authorization !== undefined) {
          const viewer = await auth.authenticate(ctx.extra.authorization);
          if (!viewer) {
            forbidden(ctx, 'Forbidden');
            return [
              new GraphQLError('Sign in again: this token is no longer valid', {
                extensions: { code: 'UNAUTHENTICATED' },
              }),
            ];
          }
          ctx.extra.viewer = viewer;
        }
        return next(ctx, ...rest);
      };
    },
  };
}

/** Closes the socket when the token expires; the timer goes with the socket. */
function closeAtExpiry(socket: WebSocket, expiresAtMs: number, close: () => void): void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = expiresAtMs - Date.now();
    if (left <= 0) return close();
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  socket.once('close', () => clearTimeout(timer));
}
