import type { HoldChangeView } from '../../domain/live/hold-watch.js';
import { refreshLoaders, type GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../../graphql/guards.js';
import type { SubscriptionResolvers } from './../__generated__/types.js';

export const holdChanged: NonNullable<SubscriptionResolvers['holdChanged']> = {
  subscribe: (_parent, { holdId }, { viewer, services }) =>
    services.live.holdChanged(requireViewer(viewer), holdId),
  // One context serves the whole subscription: fresh loaders per event, so Hold.seats is current.
  resolve: (change: HoldChangeView, _args: unknown, context: GraphQLContext) => {
    refreshLoaders(context);
    return change;
  },
};
