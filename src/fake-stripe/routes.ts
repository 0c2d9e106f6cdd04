import type { FormObject } from './form.js';
import type { FakeLedger, FakeResponse, RequestContext } from './ledger.js';
import {
  cancelPaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  searchPaymentIntents,
} from './payment-intents.js';
import { createRefund, retrieveRefund } from './refunds.js';

/** The Stripe endpoints Boxoffice calls; anything else is a 404 as Stripe would answer. */
export function routeApiRequest(
  ledger: FakeLedger,
  method: string,
  path: string,
  params: FormObject,
  ctx: RequestContext,
): FakeResponse {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [version, resource, id, action] = segments;
  if (version === 'v1' && resource === 'payment_intents') {
    if (method === 'POST' && id === undefined) return createPaymentIntent(ledger, params, ctx);
    if (method === 'GET' && id === 'search' && action === undefined) {
      return searchPaymentIntents(ledger, typeof params['query'] === 'string' ? params['query'] : '');
    }
    if (method === 'GET' && id && action === undefined)
      return { status: 200, body: ledger.getPaymentIntent(id) };
    if (method === 'POST' && id && action === 'confirm') return confirmPaymentIntent(ledger, id, params, ctx);
    if (method === 'POST' && id && action === 'cancel') return cancelPaymentIntent(ledger, id, params, ctx);
  }
  if (version === 'v1' && resource === 'refunds') {
    if (method === 'POST' && id === undefined) return createRefund(ledger, params, ctx);
    if (method === 'GET' && id && action === undefined) return retrieveRefund(ledger, id);
  }
  return {
    status: 404,
    body: {
      error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` },
    },
  };
}
