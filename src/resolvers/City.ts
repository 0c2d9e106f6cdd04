import type { CityResolvers } from './__generated__/types.js';
export const City: CityResolvers = {/* Implement City resolver logic here */};
