import type { PageInfoResolvers } from './__generated__/types.js';
export const PageInfo: PageInfoResolvers = {/* Implement PageInfo resolver logic here */};
