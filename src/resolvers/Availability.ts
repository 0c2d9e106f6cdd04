import type { AvailabilityResolvers } from './__generated__/types.js';
export const Availability: AvailabilityResolvers = {/* Implement Availability resolver logic here */};
