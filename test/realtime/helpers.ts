import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadEnv } from '../../src/config/env.js';
import { committedMigrationCount, migrationsApplied } from '../../src/db/migrate.js';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { startWorkers, type JobRunner } from '../../src/workers/index.js';
import type { Harness } from '../helpers/harness.js';

export const SEAT_CHANGED = `subscription S($showId: ID!, $after: Int) {
  seatChanged(showId: $showId, afterVersion: $after) { showId version snapshot seats { id status label } }
}`;

export interface SeatChangeEvent {
  showId: string;
  version: number;
  snapshot: boolean;
  seats: { id: string; status: string; label: string }[];
}

/** The harness's services behind a real HTTP/WebSocket server, with the worker jobs in-process. */
export async function startInProcessApi(
  h: Harness,
  opts: { workers?: boolean; wsMaxBufferedBytes?: number } = {},
): Promise<{ server: RunningServer; wsUrl: string; httpUrl: string; stop(): Promise<void> }> {
  const logger = createLogger(process.env['TEST_LOG_LEVEL'] ?? 'silent');
  const server = await startHttpServer({
    services: h.services,
    logger,
    port: 0,
    host: '127.0.0.1',
    production: false,
    isReady: () => migrationsApplied(h.db.sql, committedMigrationCount()),
    ...(opts.wsMaxBufferedBytes ? { wsMaxBufferedBytes: opts.wsMaxBufferedBytes } : {}),
  });
  const workers: JobRunner | undefined =
    opts.workers === false ? undefined : startWorkers({ services: h.services, config: loadEnv({}), logger });
  return {
    server,
    wsUrl: `ws://127.0.0.1:${server.port}/graphql`,
    httpUrl: `http://127.0.0.1:${server.port}/graphql`,
    async stop() {
      await workers?.stop();
      await server.stop();
      h.services.live.close();
    },
  };
}

/** A graphql-ws client that records every seatChanged event it receives. */
export function watchSeats(
  wsUrl: string,
  showId: string,
  afterVersion?: number | null,
  connectionParams?: Record<string, unknown>,
) {
  const events: SeatChangeEvent[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const client: Client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(connectionParams ? { connectionParams } : {}),
  });
  const waiters: (() => void)[] = [];
  const stop = client.subscribe<{ seatChanged: SeatChangeEvent }>(
    { query: SEAT_CHANGED, variables: { showId, after: afterVersion ?? null } },
    {
      next: (r) => {
        if (r.errors) errors.push(...r.errors);
        if (r.data) events.push(r.data.seatChanged);
        for (const w of waiters.splice(0)) w();
      },
      error: (e) => {
        errors.push(e);
        for (const w of waiters.splice(0)) w();
      },
      complete: () => {
        completed = true;
        for (const w of waiters.splice(0)) w();
      },
    },
  );
  return {
    events,
    errors,
    get completed() {
      return completed;
    },
    /** Resolves once `check()` holds (re-checked after every message), or rejects after `ms`. */
    async until(check: () => boolean, ms = 15_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline) {
          throw new Error(`timed out; ${events.length} events, last ${events.at(-1)?.version}, errors ${JSON.stringify(errors)}`);
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    lastVersion: () => events.at(-1)?.version,
    async dispose() {
      stop();
      await client.dispose();
    },
  };
}
export type SeatWatcher = ReturnType<typeof watchSeats>;

/** Applies changes to a seat map (id -> status) the way a client would. */
export function applyChanges(map: Map<string, string>, events: readonly SeatChangeEvent[]): Map<string, string> {
  const next = new Map(map);
  for (const e of events) {
    if (e.snapshot) next.clear();
    for (const s of e.seats) next.set(s.id, s.status);
  }
  return next;
}

/** The versions must be consecutive from `from`: no gap, no duplicate. */
export function versionsOf(events: readonly SeatChangeEvent[]): number[] {
  return events.map((e) => e.version);
}

export function consecutive(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export const SEAT_MAP = `query M($id: ID!) { show(id: $id) { seatMap { version seats { id status } } } }`;
export const HOLD = `mutation H($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }`;
export const RELEASE = `mutation R($id: ID!) { releaseHold(holdId: $id) { id status } }`;

export async function postGraphql<T = any>(
  httpUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const res = await fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T };
}

export async function seatMapOf(httpUrl: string, showId: string) {
  const r = await postGraphql<{ show: { seatMap: { version: number; seats: { id: string; status: string }[] } } }>(
    httpUrl,
    SEAT_MAP,
    { id: showId },
  );
  const seatMap = r.data!.show.seatMap;
  return { version: seatMap.version, map: new Map(seatMap.seats.map((s) => [s.id, s.status])) };
}
