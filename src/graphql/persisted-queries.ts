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

/** A manifest's operations, checked the same way over HTTP (Apollo plugin) and WebSocket. */
export interface OperationAllowlist {
  /**
   * The text of the listed operation a request names: by the sha256 of its text, or, when it sends
   * no text, by its `extensions.persistedQuery.sha256Hash`. Anything else throws
   * PERSISTED_QUERY_NOT_IN_LIST.
   */
  listedQuery(request: { query?: string | undefined; sha256Hash?: string | undefined }): string;
}

function createAllowlist(allowed: ReadonlyMap<string, string>): OperationAllowlist {
  return {
    listedQuery({ query, sha256Hash }) {
      const text = allowed.get(query ? sha256(query) : (sha256Hash ?? ''));
      if (text !== undefined) return text;
      throw new GraphQLError('This server runs only operations from its allowlist', {
        extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
      });
    },
  };
}

/** The `extensions.persistedQuery.sha256Hash` of a request, if it sends one. */
function persistedHashOf(extensions: unknown): string | undefined {
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery
    ?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/**
 * The text a WebSocket operation runs: under an allowlist, the listed operation it names (the
 * check HTTP requests pass); otherwise its own text. Operations by hash alone run over WebSocket
 * only under an allowlist (the APQ cache is Apollo's, HTTP only). Throws a GraphQLError.
 */
export function webSocketQuery(
  payload: { query: string; extensions?: Record<string, unknown> | null | undefined },
  allowlist: OperationAllowlist | undefined,
): string {
  const sha256Hash = persistedHashOf(payload.extensions);
  if (allowlist) return allowlist.listedQuery({ query: payload.query || undefined, sha256Hash });
  if (!payload.query && sha256Hash) {
    throw new GraphQLError(
      'Over WebSocket an operation by hash alone runs only with PERSISTED_QUERIES=allowlist; send its text',
      { extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } },
    );
  }
  return payload.query;
}

/** Apollo options (`persistedQueries`, plus the allowlist plugin) for a mode, and the allowlist for WebSocket. */
export function persistedQueryOptions(config: PersistedQueriesConfig): {
  persistedQueries: ApolloServerOptions<BaseContext>['persistedQueries'];
  plugins: ApolloServerPlugin<BaseContext>[];
  allowlist?: OperationAllowlist;
} {
  if (config.mode === 'off') return { persistedQueries: false, plugins: [] };
  if (config.mode === 'apq') return { persistedQueries: {}, plugins: [] };
  if (!config.manifestPath) throw new Error('PERSISTED_QUERIES=allowlist needs PERSISTED_QUERIES_MANIFEST');
  const allowed = loadManifest(config.manifestPath);
  const allowlist = createAllowlist(allowed);
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
            // `queryHash` is the sha256 of the text Apollo parsed, sent or found by hash.
            async didResolveOperation({ queryHash }) {
              allowlist.listedQuery({ sha256Hash: queryHash });
            },
          };
        },
      },
    ],
    allowlist,
  };
}
