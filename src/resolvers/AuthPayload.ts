import type { AuthPayloadResolvers } from './__generated__/types.js';
export const AuthPayload: AuthPayloadResolvers = {/* Implement AuthPayload resolver logic here */};
