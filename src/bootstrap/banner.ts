import type { Credentials } from './accounts.js';

/** What a newcomer needs after `npm start`: where the API is and how to sign in. */
export function startupBanner(opts: {
  url: string;
  /** Listening on loopback only (embedded mode's default). */
  localOnly?: boolean;
  dataDir?: string;
  admin?: Credentials;
  customer?: Credentials;
  /** The built-in fake Stripe, when payments use it. */
  fakeStripeUrl?: string;
  /** The demo's venue staff. */
  staff?: { venue: string; staff: (Credentials & { role: string })[] };
  /** A show whose sales open soon: watch NOT_ON_SALE turn into a sale. */
  onSaleSoon?: { id: string; title: string; venue: string; salesStartAt: Date | null };
}): string {
  const login = (c: Credentials) => (c.password ? `${c.email} / ${c.password}` : c.email);
  const lines = [
    '',
    'Boxoffice is running.',
    `  GraphQL (HTTP and WebSocket): ${opts.url}`,
    ...(opts.localOnly
      ? ['  Reachable from:               this machine only (HOST=0.0.0.0 opens it to the network)']
      : []),
    ...(opts.dataDir ? [`  Embedded Postgres data:       ${opts.dataDir}`] : []),
    ...(opts.admin ? [`  Admin:                        ${login(opts.admin)}`] : []),
    ...(opts.customer ? [`  Customer:                     ${login(opts.customer)}`] : []),
    ...(opts.staff?.staff ?? []).map(
      (s) =>
        `  ${s.role === 'VENUE_MANAGER' ? 'Venue manager:' : 'Door staff:   '}                ${login(s)} (${opts.staff!.venue})`,
    ),
    ...(opts.fakeStripeUrl
      ? [
          `  Payments:                     fake Stripe at ${opts.fakeStripeUrl} (pm_card_visa pays, pm_card_chargeDeclined declines)`,
        ]
      : []),
    ...(opts.onSaleSoon?.salesStartAt
      ? [
          `  On-sale demo:                 "${opts.onSaleSoon.title}" at ${opts.onSaleSoon.venue} goes on sale at ${opts.onSaleSoon.salesStartAt.toISOString()} (show ${opts.onSaleSoon.id}); holds before then answer NOT_ON_SALE`,
        ]
      : []),
    ...(opts.admin?.password
      ? [`  Sign in: mutation { login(input: { email: "${opts.admin.email}", password: "…" }) { token } }`]
      : []),
    '',
  ];
  return lines.join('\n');
}
