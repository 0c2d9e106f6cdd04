import type { Viewer } from '../domain/auth/tokens.js';
import type { Loaders } from '../domain/loaders.js';
import { createLoaders } from '../domain/loaders.js';
import type { AppServices } from '../domain/services.js';

export interface GraphQLContext {
  viewer: Viewer | null;
  services: AppServices;
  /** Per request (or per WebSocket operation): caches are never shared between users. */
  loaders: Loaders;
}

/** Same function for HTTP (Apollo `context`) and WebSocket (graphql-ws `context`). */
export function createContext(services: AppServices, viewer: Viewer | null): GraphQLContext {
  return { viewer, services, loaders: createLoaders(services.db, services.clock) };
}
