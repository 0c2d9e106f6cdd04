import type { UserResolvers } from './__generated__/types.js';
export const User: UserResolvers = {/* Implement User resolver logic here */};
