import express, { type Router } from 'express';
import { WebhookSignatureError } from '../domain/payments/payment-gateway.js';
import type { PaymentService } from '../domain/payments/payment.service.js';
import type { Logger } from '../logger.js';

/**
 * POST /webhooks/stripe: verify, store, 200; the worker does the rest. The body is read raw
 * (whatever its content type) because the signature covers the exact bytes Stripe sent.
 * A bad, missing or stale signature is 400 and nothing is stored; a redelivery is 200.
 */
export function stripeWebhookRoutes(payments: PaymentService, logger: Logger): Router {
  const router = express.Router();
  router.post(
    '/webhooks/stripe',
    express.raw({ type: () => true, limit: '512kb' }),
    async (req, res, next) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        const { eventId, duplicate } = await payments.receiveWebhook(body, req.header('stripe-signature'));
        res.status(200).json({ received: true, id: eventId, duplicate });
      } catch (err) {
        if (!(err instanceof WebhookSignatureError)) return next(err);
        logger.warn({ reason: err.message }, 'rejected a Stripe webhook');
        res.status(400).json({ error: 'invalid or stale Stripe signature' });
      }
    },
  );
  return router;
}
