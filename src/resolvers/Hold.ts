import type { HoldResolvers } from './__generated__/types.js';

export const Hold: HoldResolvers = {
  status: (hold, _arg, { services }) => services.holds.status(hold),
  extendable: (hold, _arg, { services }) => services.holds.extendable(hold),
  total: (hold) => ({ amount: hold.totalAmount, currency: hold.currency }),
  seats: (hold, _arg, { loaders }) => loaders.holdSeats(hold),
  show: async (hold, _arg, { loaders }) => {
    const show = await loaders.showById.load(hold.showId);
    if (!show) throw new Error(`show ${hold.showId} of hold ${hold.id} is missing`);
    return show;
  },
};
