import type { VenueEdgeResolvers } from './__generated__/types.js';
export const VenueEdge: VenueEdgeResolvers = {/* Implement VenueEdge resolver logic here */};
