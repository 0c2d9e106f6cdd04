import type { ShowEdgeResolvers } from './__generated__/types.js';
export const ShowEdge: ShowEdgeResolvers = {/* Implement ShowEdge resolver logic here */};
