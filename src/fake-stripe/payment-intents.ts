import type { FormObject, FormValue } from './form.js';
import {
  FakeApiError,
  type FakeLedger,
  type FakeResponse,
  invalidRequest,
  type RequestContext,
} from './ledger.js';
import { type FakePaymentIntent, stripeId } from './objects.js';
import { TEST_PAYMENT_METHODS } from './test-cards.js';

// Stripe's minimum charge is about 0.50 in most currencies.
const MIN_AMOUNT = 50;
const CONFIRMABLE = new Set(['requires_payment_method', 'requires_confirmation']);
const CANCELABLE = new Set([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
]);

const str = (v: FormValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: FormValue | undefined): FormObject | undefined =>
  v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : undefined;

/** POST /v1/payment_intents */
export function createPaymentIntent(
  ledger: FakeLedger,
  params: FormObject,
  ctx: RequestContext,
): FakeResponse {
  const amount = Number(str(params['amount']));
  if (!Number.isInteger(amount) || amount < 1) {
    throw invalidRequest('Missing required param: amount.', { code: 'parameter_missing', param: 'amount' });
  }
  const currency = str(params['currency'])?.toLowerCase();
  if (!currency || !/^[a-z]{3}$/.test(currency)) {
    throw invalidRequest('Missing required param: currency.', {
      code: 'parameter_missing',
      param: 'currency',
    });
  }
  if (amount < MIN_AMOUNT) {
    throw invalidRequest(`Amount must be at least ${MIN_AMOUNT} ${currency}`, {
      code: 'amount_too_small',
      param: 'amount',
    });
  }
  const paymentMethod = str(params['payment_method']) ?? null;
  if (paymentMethod !== null) assertPaymentMethod(paymentMethod);
  const metadata = Object.fromEntries(
    Object.entries(obj(params['metadata']) ?? {}).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
  const id = stripeId('pi');
  const pi: FakePaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_received: 0,
    currency,
    status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    client_secret: `${id}_secret_${stripeId('x').slice(2)}`,
    payment_method: paymentMethod,
    description: str(params['description']) ?? null,
    metadata,
    created: ledger.seconds(),
    livemode: false,
    capture_method: 'automatic',
    confirmation_method: 'automatic',
    latest_charge: null,
    last_payment_error: null,
    next_action: null,
    cancellation_reason: null,
    canceled_at: null,
  };
  const confirm = str(params['confirm']) === 'true';
  if (confirm) assertCanConfirmWithoutRedirect(params);
  ledger.paymentIntents.set(id, pi);
  ledger.emit('payment_intent.created', pi, ctx);
  return confirm ? confirmIntent(ledger, pi, ctx) : { status: 200, body: pi };
}

/** POST /v1/payment_intents/:id/confirm */
export function confirmPaymentIntent(
  ledger: FakeLedger,
  id: string,
  params: FormObject,
  ctx: RequestContext,
): FakeResponse {
  const pi = ledger.getPaymentIntent(id);
  if (!CONFIRMABLE.has(pi.status)) throw unexpectedState(pi, 'confirm');
  const paymentMethod = str(params['payment_method']);
  if (paymentMethod) {
    assertPaymentMethod(paymentMethod);
    pi.payment_method = paymentMethod;
  }
  if (!pi.payment_method) {
    throw invalidRequest('You cannot confirm this PaymentIntent because it is missing a payment method.', {
      code: 'payment_intent_unexpected_state',
      param: 'payment_method',
    });
  }
  return confirmIntent(ledger, pi, ctx);
}

/** POST /v1/payment_intents/:id/cancel */
export function cancelPaymentIntent(
  ledger: FakeLedger,
  id: string,
  params: FormObject,
  ctx: RequestContext,
): FakeResponse {
  const pi = ledger.getPaymentIntent(id);
  if (!CANCELABLE.has(pi.status)) throw unexpectedState(pi, 'cancel');
  pi.status = 'canceled';
  pi.cancellation_reason = str(params['cancellation_reason']) ?? null;
  pi.canceled_at = ledger.seconds();
  pi.next_action = null;
  ledger.emit('payment_intent.canceled', pi, ctx);
  return { status: 200, body: pi };
}

/**
 * The customer finishes (or fails) 3-D Secure in their browser. Not a Stripe API endpoint: tests
 * and the embedded demo use it to play the customer's part.
 */
export function completeAuthentication(ledger: FakeLedger, id: string, succeed: boolean): FakePaymentIntent {
  const pi = ledger.getPaymentIntent(id);
  if (pi.status !== 'requires_action') throw unexpectedState(pi, 'authenticate');
  if (succeed) {
    ledger.charge(pi, null);
  } else {
    pi.status = 'requires_payment_method';
    pi.next_action = null;
    pi.last_payment_error = {
      type: 'card_error',
      code: 'payment_intent_authentication_failure',
      message: 'The provided PaymentMethod has failed authentication.',
    };
    ledger.emit('payment_intent.payment_failed', pi, null);
  }
  return pi;
}

/**
 * GET /v1/payment_intents/search: only the metadata clauses Boxoffice uses
 * (`metadata['k']:'v'`, joined with AND). Unlike Stripe's index, this one is never behind.
 */
export function searchPaymentIntents(ledger: FakeLedger, query: string): FakeResponse {
  const clauses = query.split(/\s+AND\s+/i).map((c) => /^metadata\['([^']+)'\]:'([^']*)'$/.exec(c.trim()));
  if (clauses.some((c) => c === null))
    throw invalidRequest(`Unsupported search query: ${query}`, { param: 'query' });
  const data = [...ledger.paymentIntents.values()]
    .filter((pi) => clauses.every((c) => pi.metadata[c![1]!] === c![2]))
    .sort((a, b) => b.created - a.created);
  return {
    status: 200,
    body: {
      object: 'search_result',
      url: '/v1/payment_intents/search',
      has_more: false,
      next_page: null,
      data,
    },
  };
}

function confirmIntent(ledger: FakeLedger, pi: FakePaymentIntent, ctx: RequestContext): FakeResponse {
  const behaviour = TEST_PAYMENT_METHODS[pi.payment_method!]!;
  if (behaviour.kind === 'succeeds') {
    ledger.charge(pi, ctx);
    return { status: 200, body: pi };
  }
  if (behaviour.kind === 'requires_action') {
    pi.status = 'requires_action';
    pi.next_action = {
      type: 'use_stripe_sdk',
      use_stripe_sdk: {
        type: 'three_d_secure_redirect',
        stripe_js: `https://hooks.stripe.com/3d_secure_2/${pi.id}`,
      },
    };
    ledger.emit('payment_intent.requires_action', pi, ctx);
    return { status: 200, body: pi };
  }
  pi.status = 'requires_payment_method';
  pi.last_payment_error = {
    type: 'card_error',
    code: behaviour.code,
    decline_code: behaviour.declineCode,
    message: behaviour.message,
  };
  ledger.emit('payment_intent.payment_failed', pi, ctx);
  throw new FakeApiError(402, {
    type: 'card_error',
    code: behaviour.code,
    decline_code: behaviour.declineCode,
    message: behaviour.message,
    payment_intent: structuredClone(pi),
  });
}

function assertPaymentMethod(id: string): void {
  if (!TEST_PAYMENT_METHODS[id]) {
    throw invalidRequest(`No such PaymentMethod: '${id}'`, {
      code: 'resource_missing',
      param: 'payment_method',
    });
  }
}

// Like Stripe: confirming server-side without a return_url needs redirects ruled out.
function assertCanConfirmWithoutRedirect(params: FormObject): void {
  const apm = obj(params['automatic_payment_methods']);
  const types = params['payment_method_types'];
  if (str(params['return_url']) || Array.isArray(types) || str(apm?.['allow_redirects']) === 'never') return;
  throw invalidRequest(
    'This PaymentIntent is configured to accept payment methods that may redirect; pass a return_url or set automatic_payment_methods[allow_redirects]=never.',
    { param: 'return_url' },
  );
}

function unexpectedState(pi: FakePaymentIntent, action: string): FakeApiError {
  return invalidRequest(`You cannot ${action} this PaymentIntent because it has a status of ${pi.status}.`, {
    code: 'payment_intent_unexpected_state',
    payment_intent: structuredClone(pi),
  });
}
