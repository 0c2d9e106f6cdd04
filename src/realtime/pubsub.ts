import { EventEmitter } from 'node:events';
import { PubSub as InProcessEngine, type PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/**
 * The one pub/sub interface of the app: Redis (graphql-redis-subscriptions) when REDIS_URL is set,
 * in-process otherwise. Messages are plain JSON objects (they cross Redis as JSON). Pub/sub is the
 * low-latency path only: Postgres stays the source of truth, and every listener that needs
 * completeness (seat feeds) catches up from the log after a gap or a reconnect.
 */
export interface PubSub {
  /** Resolves once the broker took the message; rejects at once while Redis is unreachable. */
  publish(topic: string, message: object): Promise<void>;
  /**
   * Adds a listener. However many listeners a topic has in this process, the broker sees one
   * subscription (graphql-redis-subscriptions ref-counts them), so Redis fans out per process,
   * not per viewer. Resolves with the function that removes the listener.
   */
  subscribe(topic: string, listener: (message: unknown) => void): Promise<() => void>;
  /** Called whenever the broker connection came back: messages sent meanwhile were lost. */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}

export function createPubSub(opts: { redisUrl?: string | undefined; logger: Logger }): PubSub {
  return opts.redisUrl ? createRedisPubSub(opts.redisUrl, opts.logger) : createInProcessPubSub();
}

/** Single-process pub/sub (no REDIS_URL, and the tests' harness). */
export function createInProcessPubSub(): PubSub {
  const emitter = new EventEmitter();
  // One listener per seat feed and per watched hold of a show: far more than Node's default of 10.
  emitter.setMaxListeners(0);
  const engine = new InProcessEngine({ eventEmitter: emitter });
  return {
    // Delivered on a later tick, as Redis would: the publisher (a relay inside a transaction)
    // never runs the fan-out on its own stack.
    publish: (topic, message) =>
      new Promise((resolve) => setImmediate(() => void engine.publish(topic, message).then(resolve))),
    subscribe: (topic, listener) => subscribeEngine(engine, topic, listener),
    onReconnect: () => () => {},
    close: async () => {},
  };
}

function createRedisPubSub(url: string, logger: Logger): PubSub {
  const log = logger.child({ component: 'pubsub' });
  // The publisher fails fast while Redis is away: the relay then leaves its rows unpublished and
  // retries, instead of piling commands up in ioredis' offline queue.
  const publisher = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    lazyConnect: false,
  });
  // The subscriber keeps its queue: SUBSCRIBE sent while disconnected runs on reconnect, and
  // ioredis re-subscribes every channel after a reconnect by itself.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null });
  const reconnectListeners = new Set<() => void>();
  let down = false;
  for (const [name, client] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // Without a listener ioredis prints "Unhandled error event" on every reconnect attempt; log
    // once per outage instead of once per attempt.
    client.on('error', (err: Error) => {
      if (!down) log.warn({ client: name, err: err.message }, 'Redis unreachable; retrying');
      down = true;
    });
  }
  let subscriberReadyBefore = false;
  subscriber.on('ready', () => {
    if (subscriberReadyBefore) {
      log.info('Redis connection back');
      for (const listener of reconnectListeners) listener();
    }
    subscriberReadyBefore = true;
    down = false;
  });
  const engine = new RedisPubSub({ publisher, subscriber });
  return {
    publish: (topic, message) => engine.publish(topic, message),
    subscribe: (topic, listener) => subscribeEngine(engine, topic, listener),
    onReconnect: (listener) => {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    close: async () => {
      reconnectListeners.clear();
      // quit() waits for Redis; disconnect() when it is away so shutdown never hangs on it.
      await Promise.all(
        [publisher, subscriber].map((c) =>
          c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect(),
        ),
      );
    },
  };
}

async function subscribeEngine(
  engine: PubSubEngine,
  topic: string,
  listener: (message: unknown) => void,
): Promise<() => void> {
  const id = await engine.subscribe(topic, listener, {});
  let subscribed = true;
  return () => {
    if (subscribed) engine.unsubscribe(id);
    subscribed = false;
  };
}
