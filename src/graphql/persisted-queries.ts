import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Persisted queries. `apq`: automatic persisted queries (Apollo's protocol: a client sends the
 * sha256 of its query, and the full text once when the server does not know it yet), kept in
 * Apollo's bounded in-memory cache. `allowlist`: only the operations of a committed manifest run,
 * by hash or by full text; anything else is refused before it runs. `off`: full text only.
 */
export type PersistedQueriesMode = 'apq' | 'allowlist' | 'off';

/** Apollo's persisted query manifest format (what `generate-persisted-query-manifest` writes). */
interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: string; body: string }[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads and checks a manifest: every id must be the sha256 of its body. */
export function loadManifest(path: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
    throw new Error(`${path}: not an apollo-persisted-query-manifest`);
  }
  const byId = new Map<string, string>();
  for (const op of manifest.operations) {
    if (sha256(op.body) !== op.id)
      throw new Error(`${path}: operation ${op.name} has an id that is not the sha256 of its body`);
    byId.set(op.id, op.body);
  }
  return byId;
}

export interface PersistedQueriesConfig {
  mode: PersistedQueriesMode;
  /** Path of the manifest, for `allowlist`. */
  manifestPath?: string;
}

/** Apollo options (`persistedQueries`, plus the allowlist plugin) for a mode. */
export function persistedQueryOptions(config: PersistedQueriesConfig): {
  persistedQueries: ApolloServerOptions<BaseContext>['persistedQueries'];
  plugins: ApolloServerPlugin<BaseContext>[];
} {
  if (config.mode === 'off') return { persistedQueries: false, plugins: [] };
  if (config.mode === 'apq') return { persistedQueries: {}, plugins: [] };
  if (!config.manifestPath) throw new Error('PERSISTED_QUERIES=allowlist needs PERSISTED_QUERIES_MANIFEST');
  const allowed = loadManifest(config.manifestPath);
  return {
    // The manifest is the whole cache: a hash is found only if it is listed, and a client cannot
    // register a new operation by sending its text (set is a no-op).
    persistedQueries: {
      ttl: null,
      cache: {
        // Apollo prefixes the keys it asks for (`apq:<sha256>`); the hash is the last 64 characters.
        get: async (key: string) => allowed.get(key.slice(-64)),
        set: async () => {},
        delete: async () => false,
      },
    },
    plugins: [
      {
        async requestDidStart() {
          return {
            // The earliest hook whose errors Apollo answers as a client error (earlier ones are
            // a 500); parsing and validation before it are bounded by the operation limits.
            async didResolveOperation({ queryHash }) {
              if (allowed.has(queryHash)) return;
              throw new GraphQLError('This server runs only operations from its allowlist', {
                extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
              });
            },
          };
        },
      },
    ],
  };
}
