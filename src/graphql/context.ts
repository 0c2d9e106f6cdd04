import type { Viewer } from '../domain/auth/tokens.js';
import type { Loaders } from '../domain/loaders.js';
import { createLoaders } from '../domain/loaders.js';
import type { AppServices } from '../domain/services.js';

export interface GraphQLContext {
  viewer: Viewer | null;
  /** The client's IP as the rate limits count it (`trust proxy` applied). */
  clientIp: string;
  services: AppServices;
  /** Per request (or per WebSocket operation): caches are never shared between users. */
  loaders: Loaders;
}

/** Same function for HTTP (Apollo `context`) and WebSocket (graphql-ws `context`). */
export function createContext(
  services: AppServices,
  viewer: Viewer | null,
  clientIp = 'unknown',
): GraphQLContext {
  let loaders: Loaders | undefined;
  return {
    viewer,
    clientIp,
    services,
    // Built on first use: a WebSocket subscription lives as long as its socket, and one that never
    // loads anything (seatChanged) then holds no DataLoaders.
    get loaders() {
      return (loaders ??= createLoaders(services.db, services.clock));
    },
    set loaders(next: Loaders) {
      loaders = next;
    },
  };
}

/**
 * graphql-ws creates the context once per subscription, not per event: a subscription resolver
 * calls this before each event so cached rows from the previous one are not served again.
 */
export function refreshLoaders(context: GraphQLContext): void {
  context.loaders = createLoaders(context.services.db, context.services.clock);
}
