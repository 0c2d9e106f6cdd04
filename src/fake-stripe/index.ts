export { startFakeStripe, type FakeStripe, type FakeStripeOptions, type RequestLogEntry } from './server.js';
export type { FaultSpec } from './faults.js';
export { signWebhookPayload } from './webhook-signature.js';
export { TEST_PAYMENT_METHODS } from './test-cards.js';
