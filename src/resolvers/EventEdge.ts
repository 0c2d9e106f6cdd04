import type { EventEdgeResolvers } from './__generated__/types.js';
export const EventEdge: EventEdgeResolvers = {/* Implement EventEdge resolver logic here */};
