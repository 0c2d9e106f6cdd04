import type { SectionResolvers } from './__generated__/types.js';
export const Section: SectionResolvers = {/* Implement Section resolver logic here */};
