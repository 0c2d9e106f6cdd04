import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';

/** Catalog reads: cities, events, venues, shows, seat maps. */
export function createCatalogService(_deps: { db: Db; clock: Clock }) {
  return {};
}
export type CatalogService = ReturnType<typeof createCatalogService>;
