import type { ShowResolvers } from './__generated__/types.js';
export const Show: ShowResolvers = {
  /* Implement Show resolver logic here */
  availability: async (_parent, _arg, _ctx) => {
    /* Show.availability resolver is required because Show.availability exists but ShowMapper.availability does not */
  },
  event: async (_parent, _arg, _ctx) => {
    /* Show.event resolver is required because Show.event exists but ShowMapper.event does not */
  },
  screen: async (_parent, _arg, _ctx) => {
    /* Show.screen resolver is required because Show.screen exists but ShowMapper.screen does not */
  },
  seatMap: async (_parent, _arg, _ctx) => {
    /* Show.seatMap resolver is required because Show.seatMap exists but ShowMapper.seatMap does not */
  },
  status: ({ status }, _arg, _ctx) => {
    /* Show.status resolver is required because Show.status and ShowMapper.status are not compatible */
    return status;
  },
  venue: async (_parent, _arg, _ctx) => {
    /* Show.venue resolver is required because Show.venue exists but ShowMapper.venue does not */
  },
};
