import type { ScreenResolvers } from './__generated__/types.js';
export const Screen: ScreenResolvers = {
  venue: (screen, _args, { loaders }) => loaders.venueById.load(screen.venueId),
};
