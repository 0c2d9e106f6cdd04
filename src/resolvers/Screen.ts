import type { ScreenResolvers } from './__generated__/types.js';
export const Screen: ScreenResolvers = {
  /* Implement Screen resolver logic here */
  venue: async (_parent, _arg, _ctx) => {
    /* Screen.venue resolver is required because Screen.venue exists but ScreenMapper.venue does not */
  },
};
