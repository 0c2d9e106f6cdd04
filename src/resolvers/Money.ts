import type { MoneyResolvers } from './__generated__/types.js';
export const Money: MoneyResolvers = {/* Implement Money resolver logic here */};
