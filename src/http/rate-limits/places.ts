/**
 * At most `max` places per key held at once, in this process: what a client has open now, which
 * no time window measures (a socket held for an hour counts all that hour).
 */
export interface Places {
  /** A place for `key`, or null when all of its places are taken; `release` gives it back (once). */
  take(key: string): (() => void) | null;
}

export function createPlaces(max: number): Places {
  const taken = new Map<string, number>();
  return {
    take(key) {
      const held = taken.get(key) ?? 0;
      if (held >= max) return null;
      taken.set(key, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (taken.get(key) ?? 1) - 1;
        if (left > 0) taken.set(key, left);
        else taken.delete(key); // the map holds only clients with something open
      };
    },
  };
}
