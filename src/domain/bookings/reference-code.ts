import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: references are read aloud at box offices and typed from paper.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A human reference such as `BX-7KQ2-M9` (31^6, about 887 million values; a clash is retried). */
export function newReference(prefix: 'BX' | 'RF'): string {
  const pick = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${prefix}-${pick(4)}-${pick(2)}`;
}

/** Runs `insert` with fresh references until one is not taken (undefined means taken). */
export async function withFreshReference<T>(
  prefix: 'BX' | 'RF',
  insert: (reference: string) => Promise<T | undefined>,
): Promise<T> {
  for (let i = 0; i < 8; i++) {
    const row = await insert(newReference(prefix));
    if (row !== undefined) return row;
  }
  throw new Error(`no free ${prefix} reference after 8 draws`);
}
