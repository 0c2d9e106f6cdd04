import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { emailVerificationCodes, type EmailVerificationCodeRow } from '../schema/index.js';

/**
 * Stores a new code for the user, replacing the pending one, unless that one was sent after
 * `resendAfter`. Returns the stored row, or undefined when it is too soon.
 */
export async function replaceVerificationCode(
  db: DbOrTx,
  values: { userId: string; codeHash: string; sentAt: Date; expiresAt: Date },
  resendAfter: Date,
): Promise<EmailVerificationCodeRow | undefined> {
  const [row] = await db
    .insert(emailVerificationCodes)
    .values({ ...values, guesses: 0 })
    .onConflictDoUpdate({
      target: emailVerificationCodes.userId,
      set: {
        codeHash: sql`excluded.code_hash`,
        sentAt: sql`excluded.sent_at`,
        expiresAt: sql`excluded.expires_at`,
        guesses: 0,
      },
      setWhere: sql`${emailVerificationCodes.sentAt} <= ${resendAfter.toISOString()}::timestamptz`,
    })
    .returning();
  return row;
}

export async function findVerificationCode(
  db: DbOrTx,
  userId: string,
): Promise<EmailVerificationCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(emailVerificationCodes)
    .where(eq(emailVerificationCodes.userId, userId));
  return row;
}

/**
 * Charges one guess to the user's code before it is compared, while it is unexpired and has
 * guesses left; concurrent guesses are counted one by one. Returns the code's row after the
 * charge, or undefined when there is no usable code.
 */
export async function chargeVerificationGuess(
  db: DbOrTx,
  userId: string,
  now: Date,
  maxGuesses: number,
): Promise<EmailVerificationCodeRow | undefined> {
  const [row] = await db
    .update(emailVerificationCodes)
    .set({ guesses: sql`${emailVerificationCodes.guesses} + 1` })
    .where(
      and(
        eq(emailVerificationCodes.userId, userId),
        gt(emailVerificationCodes.expiresAt, now),
        lt(emailVerificationCodes.guesses, maxGuesses),
      ),
    )
    .returning();
  return row;
}

export async function deleteVerificationCode(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(emailVerificationCodes).where(eq(emailVerificationCodes.userId, userId));
}
