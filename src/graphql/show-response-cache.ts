import { setTimeout as sleep } from 'node:timers/promises';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../domain/clock.js';
import type { CatalogService } from '../domain/catalog/catalog.service.js';
import type { GraphQLContext } from './context.js';

/**
 * Whole responses of `query { show(id) { ... } }`, served again while they are still true.
 *
 * A 500-seat seat map is the API's main read and its dearest: graphql-js completes about 6,000
 * fields for it, milliseconds of one event loop, while the SQL is one statement. During an on-sale
 * thousands of buyers read the same few maps, so each map is executed once and the result reused:
 *
 * - only while the show's seat version is unchanged (one primary-key read per request), so a new
 *   hold shows as soon as it is numbered, as it would uncached;
 * - only until the earliest running hold in it expires, since the map then shows those seats
 *   AVAILABLE without a new version (lazy reclaim), and until the next boundary of the sales window
 *   or the start, since `onSale` and `status` then change without one either;
 * - for at most `maxAgeMs`: other catalog fields (titles, a cancellation) carry no version, so they
 *   may be this late.
 *
 * Everything under `Show` is public catalog data, the same for every viewer (a test pins the types
 * reachable from `Show`). Responses with errors are not kept. Concurrent misses of one key wait for
 * the first one's execution instead of repeating it. An entry is serialized once, when it is
 * stored, and every answer from it sends those bytes (`stringifyResult`): serializing 96 KB again
 * for each answer used to be most of what a hit cost.
 */
export interface ShowResponseCacheOptions {
  catalog: Pick<CatalogService, 'seatVersion' | 'nextTimedChange'>;
  clock: Clock;
  maxAgeMs: number;
  maxEntries?: number;
}

interface Entry {
  version: number;
  storedAt: number;
  /** Domain time at which this response stops being true (a hold expires, sales open or close). */
  changesAt: Date | null;
  data: Record<string, unknown>;
}

type Data = Record<string, unknown> | null;

/** How long a concurrent miss waits for the first one's result before executing itself. */
const FOLLOWER_WAIT_MS = 2_000;

/** The show id of a cacheable operation: a query whose only root field is `show(id:)`. */
export function cacheableShowId(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): string | null {
  if (operation.operation !== 'query') return null;
  let showId: string | null = null;
  for (const sel of operation.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD || sel.directives?.length) return null;
    if (sel.name.value === '__typename') continue;
    if (sel.name.value !== 'show' || showId !== null) return null;
    const arg = sel.arguments?.find((a) => a.name.value === 'id')?.value;
    const id =
      arg?.kind === Kind.STRING ? arg.value : arg?.kind === Kind.VARIABLE ? variables?.[arg.name.value] : null;
    if (typeof id !== 'string') return null;
    showId = id;
  }
  return showId;
}

/** What the cache reads of a request once Apollo has resolved its operation. */
interface ResolvedRequest {
  operation?: OperationDefinitionNode | undefined;
  operationName?: string | null | undefined;
  queryHash?: string | undefined;
  request: { variables?: Readonly<Record<string, unknown>> | undefined };
}

interface Leader {
  key: string;
  version: number;
  changesAt: Date | null;
  done: Promise<Data>;
  finish: (data: Data) => void;
}

/** A request's fate: answered with `data`, executed as the key's `leader`, or executed alone. */
type Lookup = { data: Record<string, unknown> } | { leader: Leader } | null;

export interface ShowResponseCache {
  plugin: ApolloServerPlugin<GraphQLContext>;
  /**
   * Whether a request is answered from the cache, decided once per request: the rate limits
   * charge no query cost for such an answer, since nothing is executed.
   */
  answersFromCache(rc: ResolvedRequest): Promise<boolean>;
  /** Whether the operation is one the cache keeps (its shape only: nothing is read). */
  mayAnswer(rc: ResolvedRequest): boolean;
  /** Apollo's `stringifyResult`: the stored body for answers from the cache (and their leader's). */
  stringifyResult(result: FormattedExecutionResult): string;
}

export function createShowResponseCache(opts: ShowResponseCacheOptions): ShowResponseCache {
  // Entries die at their max age, not only when evicted: answers to one-off documents (a client
  // varying its query) would otherwise sit in the heap, megabytes that every GC walks.
  const entries = new LRUCache<string, Entry>({
    max: opts.maxEntries ?? 200,
    ttl: opts.maxAgeMs,
    ttlAutopurge: true,
  });
  // Misses being executed, by key and version: followers wait for the leader's data (null: ask again).
  const inFlight = new Map<string, { version: number; done: Promise<Data> }>();
  const lookups = new WeakMap<object, Promise<Lookup>>();
  // The response body of each stored `data`, by identity: an answer from the cache carries that
  // very object. Whole, so that sending it copies nothing in the heap.
  const serialized = new WeakMap<object, string>();

  const fresh = (entry: Entry | undefined, version: number): entry is Entry =>
    entry !== undefined &&
    entry.version === version &&
    performance.now() - entry.storedAt < opts.maxAgeMs &&
    (entry.changesAt === null || opts.clock.now() < entry.changesAt);

  /** The show a request reads, if the cache may answer it: its shape only, nothing is read. */
  const showIdOf = (rc: ResolvedRequest): string | null =>
    rc.operation && rc.queryHash ? cacheableShowId(rc.operation, rc.request.variables) : null;

  async function decide(rc: ResolvedRequest): Promise<Lookup> {
    const showId = showIdOf(rc);
    if (showId === null) return null;
    // The cache fails open: if its reads fail, the request executes (and meets the same error).
    const version = await opts.catalog.seatVersion(showId).catch(() => null);
    if (version === null) return null; // unknown show or bad id: executed, for its error
    const key = `${rc.queryHash}\u0000${rc.operationName ?? ''}\u0000${JSON.stringify(rc.request.variables ?? {})}`;
    const entry = entries.get(key);
    if (fresh(entry, version)) return { data: entry.data };

    const running = inFlight.get(key);
    if (running && running.version === version) {
      const gaveUp = new AbortController();
      const data = await Promise.race([
        running.done,
        sleep(FOLLOWER_WAIT_MS, null, { signal: gaveUp.signal }).catch(() => null),
      ]);
      gaveUp.abort();
      return data ? { data } : null;
    }
    // This request executes; concurrent misses of the key wait for it (registered before the
    // next await, or they would all execute).
    let finish!: (data: Data) => void;
    const done = new Promise<Data>((resolve) => (finish = resolve));
    inFlight.set(key, { version, done });
    // Read before executing: the response stays true until at least this time.
    const changesAt = await opts.catalog.nextTimedChange(showId).catch(() => undefined);
    const leader: Leader = { key, version, changesAt: changesAt ?? null, done, finish };
    if (changesAt === undefined) {
      settle(leader, null);
      return null;
    }
    return { leader };
  }

  function settle({ key, version, changesAt, done, finish }: Leader, data: Data) {
    if (data) {
      serialized.set(data, `{"data":${JSON.stringify(data)}}\n`);
      entries.set(key, { version, storedAt: performance.now(), changesAt, data });
    }
    if (inFlight.get(key)?.done === done) inFlight.delete(key);
    finish(data);
  }

  const lookup = (rc: ResolvedRequest): Promise<Lookup> => {
    let decided = lookups.get(rc.request);
    if (!decided) lookups.set(rc.request, (decided = decide(rc)));
    return decided;
  };

  return {
    stringifyResult(result) {
      const body = result.data && !result.errors && !result.extensions ? serialized.get(result.data) : undefined;
      // Apollo's own serializer is JSON.stringify plus a newline: the same bytes either way.
      return body ?? `${JSON.stringify(result)}\n`;
    },
    mayAnswer: (rc) => showIdOf(rc) !== null,
    answersFromCache: async (rc) => {
      const decided = await lookup(rc);
      return decided !== null && 'data' in decided;
    },
    plugin: {
      async requestDidStart() {
        return {
          async responseForOperation(rc) {
            const decided = await lookup(rc);
            if (!decided || !('data' in decided)) return null;
            return { http: rc.response.http, body: { kind: 'single', singleResult: { data: decided.data } } };
          },
          // Every request ends here, refused ones too: a leader always tells its followers.
          async willSendResponse(rc) {
            const pending = lookups.get(rc.request);
            const decided = pending ? await pending : null;
            if (!decided || !('leader' in decided)) return;
            const body = rc.response.body;
            const ok = body.kind === 'single' && !body.singleResult.errors && body.singleResult.data;
            settle(decided.leader, ok ? (body.singleResult.data as Record<string, unknown>) : null);
          },
        };
      },
    },
  };
}
