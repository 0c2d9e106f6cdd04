import type { HoldResolvers } from './__generated__/types.js';
export const Hold: HoldResolvers = {
  /* Implement Hold resolver logic here */
  extendable: async (_parent, _arg, _ctx) => {
    /* Hold.extendable resolver is required because Hold.extendable exists but HoldMapper.extendable does not */
  },
  seats: async (_parent, _arg, _ctx) => {
    /* Hold.seats resolver is required because Hold.seats exists but HoldMapper.seats does not */
  },
  show: async (_parent, _arg, _ctx) => {
    /* Hold.show resolver is required because Hold.show exists but HoldMapper.show does not */
  },
  total: async (_parent, _arg, _ctx) => {
    /* Hold.total resolver is required because Hold.total exists but HoldMapper.total does not */
  },
};
