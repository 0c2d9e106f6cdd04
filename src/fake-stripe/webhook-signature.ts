import { createHmac } from 'node:crypto';

/**
 * The `Stripe-Signature` header exactly as Stripe computes it: `t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint's whsec_ secret>`. Anything that
 * verifies with `stripe.webhooks.constructEvent` verifies this, and the other way round.
 */
export function signWebhookPayload(payload: string, secret: string, timestampSeconds: number): string {
  const signature = createHmac('sha256', secret)
    .update(`${timestampSeconds}.${payload}`, 'utf8')
    .digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}
