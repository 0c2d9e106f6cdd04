import type { Db } from '../db/client.js';

/** DataLoaders, created per request so caches are never shared between users. */
export function createLoaders(_db: Db) {
  return {};
}
export type Loaders = ReturnType<typeof createLoaders>;
