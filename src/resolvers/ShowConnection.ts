import type { ShowConnectionResolvers } from './__generated__/types.js';
export const ShowConnection: ShowConnectionResolvers = {/* Implement ShowConnection resolver logic here */};
