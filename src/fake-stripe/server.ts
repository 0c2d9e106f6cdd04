import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FaultSpec, FaultQueue } from './faults.js';
import { parseForm } from './form.js';
import { IdempotencyStore } from './idempotency.js';
import { FakeApiError, FakeLedger, type FakeResponse, type RequestContext } from './ledger.js';
import { type FakePaymentIntent, stripeId } from './objects.js';
import { routeApiRequest } from './routes.js';
import { completeAuthentication } from './payment-intents.js';
import { signWebhookPayload } from './webhook-signature.js';
import { WebhookSender } from './webhook-sender.js';

export interface FakeStripeOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The only API key accepted (default `sk_test_boxoffice_fake`). */
  secretKey?: string;
  /** Signs webhooks (default: a random `whsec_` secret). */
  webhookSecret?: string;
  /** Where events are POSTed; unset: events are only recorded (`ledger.events`). */
  webhookUrl?: string;
  /** Event and object timestamps, and webhook signature times (tests pass their clock). */
  clock?: { now(): Date };
}

export interface RequestLogEntry {
  method: string;
  path: string;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
  fault: FaultSpec['kind'] | null;
}

export interface FakeStripe {
  /** Base URL for STRIPE_API_URL, e.g. `http://127.0.0.1:12111`. */
  url: string;
  port: number;
  secretKey: string;
  webhookSecret: string;
  ledger: FakeLedger;
  requests: RequestLogEntry[];
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  setWebhookUrl(url: string | undefined): void;
  /** Plays the customer finishing 3-D Secure (or failing it); emits the resulting events. */
  completeAuthentication(paymentIntentId: string, succeed: boolean): FakePaymentIntent;
  /** A `Stripe-Signature` header for `payload`, as Stripe would send it (default time: now). */
  signPayload(payload: string, timestampSeconds?: number): string;
  /** Resolves when queued webhook deliveries are done. */
  webhooksIdle(): Promise<void>;
  stop(): Promise<void>;
}

// The API version stripe-node 23 pins; events carry it as Stripe's would.
const API_VERSION = '2026-10-28.endive';
const MAX_BODY = 1024 * 1024;

/**
 * A Stripe test-mode stand-in on loopback for tests and the embedded demo. The real `stripe`
 * client talks to it (host/port/protocol), so requests, errors and retries go through the same
 * code as in production. It keeps no data on disk.
 */
export async function startFakeStripe(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  const clock = opts.clock ?? { now: () => new Date() };
  const secretKey = opts.secretKey ?? 'sk_test_boxoffice_fake';
  const webhookSecret = opts.webhookSecret ?? `whsec_${randomBytes(24).toString('base64url')}`;
  const sender = new WebhookSender(webhookSecret, () => clock.now(), opts.webhookUrl);
  const ledger = new FakeLedger(
    () => clock.now(),
    API_VERSION,
    (e) => sender.enqueue(e),
  );
  const idempotency = new IdempotencyStore();
  const faults = new FaultQueue();
  const requests: RequestLogEntry[] = [];
  const delayed = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => handle(req, res, body))
      .catch(() =>
        send(res, { status: 400, body: { error: { type: 'invalid_request_error', message: 'Bad body' } } }),
      );
  });

  function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path.startsWith('/_fake/')) return void send(res, control(method, path));
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      return void send(res, {
        status: 401,
        body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } },
      });
    }
    const params = parseForm(method === 'POST' ? body : url.search.slice(1));
    const key = method === 'POST' ? headerValue(req.headers['idempotency-key']) : null;
    const ctx: RequestContext = { requestId: stripeId('req', 14), idempotencyKey: key };
    const log = (status: number, replayed: boolean, fault: FaultSpec['kind'] | null) =>
      requests.push({ method, path, idempotencyKey: key, status, replayed, fault });

    // A fault hits whatever request comes next, a replay included (answers get lost either way).
    const fault = faults.take(method, path) ?? null;
    if (fault?.kind === 'http500') {
      log(500, false, fault.kind);
      return void send(res, apiError(), ctx);
    }
    const decision = key ? idempotency.check(key, method, path, params) : ({ kind: 'new' } as const);
    let response =
      decision.kind === 'new'
        ? run(() => routeApiRequest(ledger, method, path, params, ctx))
        : decision.response;
    if (fault?.kind === 'http500AfterProcessing') response = apiError();
    // Saved once the endpoint ran; a request rejected by validation is not (a retry may fix it).
    if (key && decision.kind === 'new' && !isValidationError(response)) {
      idempotency.save(key, method, path, params, response);
    }
    const replayed = decision.kind === 'replay';
    log(response.status, replayed, fault?.kind ?? null);
    if (fault?.kind === 'timeout') {
      const timer = setTimeout(() => {
        delayed.delete(timer);
        send(res, response, ctx, replayed);
      }, fault.delayMs ?? 30_000);
      delayed.add(timer);
      return;
    }
    send(res, response, ctx, replayed);
  }

  function control(method: string, path: string): FakeResponse {
    const m = /^\/_fake\/payment_intents\/([^/]+)\/(authenticate|fail_authentication)$/.exec(path);
    if (method !== 'POST' || !m) return notFound(path);
    return run(() => ({ status: 200, body: completeAuthentication(ledger, m[1]!, m[2] === 'authenticate') }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    secretKey,
    webhookSecret,
    ledger,
    requests,
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setWebhookUrl: (url) => {
      sender.url = url;
    },
    completeAuthentication: (id, succeed) => completeAuthentication(ledger, id, succeed),
    signPayload: (payload, t) =>
      signWebhookPayload(payload, webhookSecret, t ?? Math.floor(clock.now().getTime() / 1000)),
    webhooksIdle: () => sender.idle(),
    async stop() {
      sender.stop();
      for (const timer of delayed) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function run(fn: () => FakeResponse): FakeResponse {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FakeApiError) return err.toResponse();
    return apiError();
  }
}

const apiError = (): FakeResponse => ({
  status: 500,
  body: { error: { type: 'api_error', message: 'An unknown error occurred (injected by the fake Stripe).' } },
});

const notFound = (path: string): FakeResponse => ({
  status: 404,
  body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${path}).` } },
});

const isValidationError = (r: FakeResponse) =>
  r.status === 400 && (r.body as { error?: { type?: string } }).error?.type === 'invalid_request_error';

function send(res: ServerResponse, response: FakeResponse, ctx?: RequestContext, replayed = false): void {
  if (res.destroyed) return;
  res.statusCode = response.status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('stripe-version', API_VERSION);
  if (ctx) res.setHeader('request-id', ctx.requestId);
  if (ctx?.idempotencyKey) res.setHeader('idempotency-key', ctx.idempotencyKey);
  if (replayed) res.setHeader('idempotent-replayed', 'true');
  res.end(JSON.stringify(response.body));
}

const headerValue = (v: string | string[] | undefined): string | null =>
  Array.isArray(v) ? (v[0] ?? null) : (v ?? null);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
