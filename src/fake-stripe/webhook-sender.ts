import type { FakeEvent } from './objects.js';
import { signWebhookPayload } from './webhook-signature.js';

/**
 * Delivers events to one endpoint the way Stripe does: a JSON POST signed with the endpoint's
 * secret, retried on failure (here a few times within seconds, not over three days). One at a
 * time, in emission order; Stripe itself does not promise order, which Boxoffice must not need.
 */
export class WebhookSender {
  private queue: FakeEvent[] = [];
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly secret: string,
    private readonly now: () => Date,
    public url: string | undefined,
  ) {}

  enqueue(event: FakeEvent): void {
    if (!this.url || this.stopped) return;
    this.queue.push(event);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves once every queued event was delivered or given up on. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
    this.queue = [];
  }

  private async drain(): Promise<void> {
    for (let event = this.queue.shift(); event && !this.stopped; event = this.queue.shift()) {
      await this.deliver(event);
    }
  }

  private async deliver(event: FakeEvent): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    for (const delayMs of [0, 100, 500, 2000]) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (this.stopped || !this.url) return;
      const signature = signWebhookPayload(payload, this.secret, Math.floor(this.now().getTime() / 1000));
      const ok = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      }).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) return;
    }
  }
}
