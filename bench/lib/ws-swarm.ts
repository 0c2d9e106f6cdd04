import WebSocket from 'ws';

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const wallNow = () => performance.timeOrigin + performance.now();

const VERSION = Buffer.from('"version":');
const SNAPSHOT = Buffer.from('"snapshot":true');

/**
 * N graphql-transport-ws clients subscribed to one seatChanged stream, recording when each
 * version arrives. The client side is kept lean (the frames are scanned for `"version":` rather
 * than parsed) because it shares the machine's two cores with the server it measures.
 */
export interface Swarm {
  size: number;
  /** Receipt time of `version` at client `i`, NaN if it never came. */
  receivedAt(i: number, version: number): number;
  /** How many clients have received `version`. */
  countReceived(version: number): number;
  duplicates: number;
  snapshots: number;
  errors: string[];
  close(): Promise<void>;
}

export async function openSwarm(opts: {
  url: string;
  size: number;
  query: string;
  variables: Record<string, unknown>;
  /** Versions from `firstVersion` to `firstVersion + capacity - 1` are recorded. */
  firstVersion: number;
  capacity: number;
}): Promise<Swarm> {
  const { size, capacity, firstVersion } = opts;
  const times = new Float64Array(size * capacity).fill(NaN);
  const sockets: WebSocket[] = [];
  const errors: string[] = [];
  const swarm: Swarm = {
    size,
    duplicates: 0,
    snapshots: 0,
    errors,
    receivedAt: (i, v) =>
      v >= firstVersion && v < firstVersion + capacity ? times[i * capacity + v - firstVersion]! : NaN,
    countReceived: (v) => {
      let n = 0;
      for (let i = 0; i < size; i++) if (!Number.isNaN(swarm.receivedAt(i, v))) n++;
      return n;
    },
    close: async () => {
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              ws.once('close', () => resolve());
              ws.terminate();
            }),
        ),
      );
    },
  };
  const subscribe = JSON.stringify({
    id: '1',
    type: 'subscribe',
    payload: { query: opts.query, variables: opts.variables },
  });

  const connect = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(opts.url, 'graphql-transport-ws', {
        perMessageDeflate: false,
        skipUTF8Validation: true,
      });
      sockets.push(ws);
      let acked = false;
      ws.on('error', (err) => {
        errors.push(err.message);
        reject(err);
      });
      ws.on('open', () => ws.send('{"type":"connection_init"}'));
      ws.on('message', (data: Buffer) => {
        const t = wallNow();
        if (!acked) {
          acked = true;
          ws.send(subscribe);
          resolve();
          return;
        }
        const at = data.indexOf(VERSION);
        if (at < 0) {
          if (data.indexOf('"type":"next"') < 0 && data.indexOf('"type":"ping"') < 0)
            errors.push(String(data).slice(0, 200));
          return;
        }
        let v = 0;
        for (let j = at + VERSION.length; j < data.length; j++) {
          const c = data[j]!;
          if (c < 48 || c > 57) break;
          v = v * 10 + c - 48;
        }
        if (data.indexOf(SNAPSHOT) >= 0) swarm.snapshots++;
        const slot = v - firstVersion;
        if (slot < 0 || slot >= capacity) return;
        const k = i * capacity + slot;
        if (!Number.isNaN(times[k]!)) swarm.duplicates++;
        else times[k] = t;
      });
    });

  // In waves: the server's listen backlog (511) would drop a burst of 5,000 SYNs.
  for (let start = 0; start < size; start += 250) {
    await Promise.all(Array.from({ length: Math.min(250, size - start) }, (_, k) => connect(start + k)));
  }
  return swarm;
}
