import WebSocket from 'ws';

export interface WsMessage {
  id?: string;
  type: string;
  payload?: any;
}

/** A graphql-transport-ws socket spoken raw, so every answer of the server is visible. */
export interface RawSocket {
  ws: WebSocket;
  messages: WsMessage[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** Resolves with the first message matching `pred` (already received or future); rejects on close. */
  next(pred: (m: WsMessage) => boolean): Promise<WsMessage>;
  /** `connection_init` (with a token when given), resolved at `connection_ack`. */
  init(authorization?: string): Promise<void>;
  /** One operation: its first `next` or `error` message. */
  run(id: string, payload: Record<string, unknown>): Promise<WsMessage>;
}

/** What the server answered to an upgrade it refused (no WebSocket was opened). */
export interface RefusedUpgrade {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Opens a socket (with extra upgrade headers, e.g. `x-forwarded-for`). Resolves with the open
 * socket, or with the HTTP answer when the server refuses the upgrade.
 */
export async function openRawSocket(
  url: string,
  headers: Record<string, string> = {},
  track?: WebSocket[],
): Promise<RawSocket | RefusedUpgrade> {
  const ws = new WebSocket(url, 'graphql-transport-ws', { headers });
  track?.push(ws);
  const messages: WsMessage[] = [];
  const waiters: { pred: (m: WsMessage) => boolean; resolve: (m: WsMessage) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as WsMessage;
    messages.push(m);
    for (const w of waiters.filter((w) => w.pred(m))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const refused = new Promise<RefusedUpgrade>((resolve) =>
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }),
  );
  ws.on('error', () => {});
  const opened = new Promise<'open'>((resolve, reject) =>
    ws.once('open', () => resolve('open')).once('error', reject),
  );
  const first = await Promise.race([opened, refused]);
  if (first !== 'open') {
    ws.terminate();
    return first;
  }
  // A socket closed by the server fails the wait at once, with its close code.
  const next = (pred: (m: WsMessage) => boolean) => {
    const found = messages.find(pred);
    if (found) return Promise.resolve(found);
    return Promise.race([
      new Promise<WsMessage>((resolve) => waiters.push({ pred, resolve })),
      closed.then(({ code, reason }) => Promise.reject(new Error(`socket closed with ${code} ${reason}`))),
    ]);
  };
  const send = (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  return {
    ws,
    messages,
    closed,
    send,
    next,
    async init(authorization) {
      send({ type: 'connection_init', ...(authorization ? { payload: { authorization } } : {}) });
      await next((m) => m.type === 'connection_ack');
    },
    run(id, payload) {
      send({ id, type: 'subscribe', payload });
      return next((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
    },
  };
}

/** An open socket, or a failed test naming the status the server refused it with. */
export async function openedSocket(url: string, headers: Record<string, string> = {}, track?: WebSocket[]) {
  const s = await openRawSocket(url, headers, track);
  if ('status' in s) throw new Error(`upgrade refused with ${s.status}: ${s.body}`);
  return s;
}
