import {
  type FakeCharge,
  type FakeEvent,
  type FakePaymentIntent,
  type FakeRefund,
  stripeId,
} from './objects.js';

/** What Stripe answers: an HTTP status and a JSON body. Errors use Stripe's `{ error: {...} }`. */
export interface FakeResponse {
  status: number;
  body: unknown;
}

export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {
    super(String(error['message'] ?? 'Stripe error'));
  }
  toResponse(): FakeResponse {
    return { status: this.status, body: { error: this.error } };
  }
}

export const invalidRequest = (message: string, extra: Record<string, unknown> = {}) =>
  new FakeApiError(400, { type: 'invalid_request_error', message, ...extra });

export interface RequestContext {
  requestId: string;
  idempotencyKey: string | null;
}

/** Everything the fake Stripe account holds, plus the events it emitted, in order. */
export class FakeLedger {
  readonly paymentIntents = new Map<string, FakePaymentIntent>();
  readonly charges = new Map<string, FakeCharge>();
  readonly refunds = new Map<string, FakeRefund>();
  readonly events: FakeEvent[] = [];

  constructor(
    readonly now: () => Date,
    readonly apiVersion: string,
    private readonly onEvent: (event: FakeEvent) => void,
  ) {}

  seconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  /** A snapshot of `object` goes into the event, as Stripe's events carry the object at that time. */
  emit(type: string, object: unknown, ctx: RequestContext | null): FakeEvent {
    const event: FakeEvent = {
      id: stripeId('evt'),
      object: 'event',
      api_version: this.apiVersion,
      created: this.seconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: ctx?.requestId ?? null, idempotency_key: ctx?.idempotencyKey ?? null },
      type,
      data: { object: structuredClone(object) },
    };
    this.events.push(event);
    this.onEvent(event);
    return event;
  }

  getPaymentIntent(id: string): FakePaymentIntent {
    const pi = this.paymentIntents.get(id);
    if (!pi) {
      throw new FakeApiError(404, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'intent',
        message: `No such payment_intent: '${id}'`,
      });
    }
    return pi;
  }

  /** Captures the full amount: a succeeded charge, the PaymentIntent succeeded. */
  charge(pi: FakePaymentIntent, ctx: RequestContext | null): void {
    const charge: FakeCharge = {
      id: stripeId('ch'),
      object: 'charge',
      amount: pi.amount,
      amount_captured: pi.amount,
      amount_refunded: 0,
      currency: pi.currency,
      payment_intent: pi.id,
      refunded: false,
      status: 'succeeded',
      created: this.seconds(),
      metadata: { ...pi.metadata },
    };
    this.charges.set(charge.id, charge);
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    pi.latest_charge = charge.id;
    pi.last_payment_error = null;
    pi.next_action = null;
    this.emit('charge.succeeded', charge, ctx);
    this.emit('payment_intent.succeeded', pi, ctx);
  }
}
