import type { EmailVerificationCodeSentResolvers } from './__generated__/types.js';

export const EmailVerificationCodeSent: EmailVerificationCodeSentResolvers = {};
