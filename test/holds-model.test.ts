import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import { createManualClock } from '../src/domain/clock.js';
import { createShowFixture } from './helpers/fixtures.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { checkSeatInvariants, seatStates } from './helpers/seats.js';
import { createCustomers } from './helpers/users.js';

/**
 * Model-based test: random sequences of hold / release / extend / clock moves / worker runs
 * against the real service and Postgres, compared after every step with a tiny in-memory model.
 */
const TTL = 600_000;
// Longer than TTL so the 2x-TTL cap binds.
const EXTENSION = 900_000;
const clock = createManualClock(new Date('2026-12-01T10:00:00Z'));
let h: Harness;
let users: Viewer[];

interface ModelHold {
  user: number;
  seats: Set<number>;
  createdAt: number;
  expiresAt: number;
  extended: boolean;
  status: 'ACTIVE' | 'RELEASED' | 'EXPIRED';
}
interface Model {
  now: number;
  holds: Map<string, ModelHold>;
  /** Seat index -> id of the hold that has it (the hold may be expired: lazy reclaim). */
  owner: Map<number, string>;
}
interface Real {
  showId: string;
  seatIds: string[];
}

const live = (m: Model, id: string | undefined) => {
  const hold = id ? m.holds.get(id) : undefined;
  return hold && hold.status === 'ACTIVE' && hold.expiresAt > m.now ? hold : undefined;
};
const latestActive = (m: Model, user: number) =>
  [...m.holds.entries()].reverse().find(([, x]) => x.user === user && x.status === 'ACTIVE');

class HoldCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly user: number,
    readonly seats: number[],
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await h.services.holds
      .placeHold(users[this.user]!, { showId: r.showId, seatIds: this.seats.map((s) => r.seatIds[s]!) })
      .then(
        (hold) => ({ hold }),
        (err: { code?: string; details?: { unavailableSeatIds?: string[] } }) => ({ err }),
      );
    const blocked = this.seats.filter((s) => {
      const holder = live(m, m.owner.get(s));
      return holder !== undefined && holder.user !== this.user;
    });
    if (blocked.length > 0) {
      expect('err' in res && res.err.code).toBe('SEATS_UNAVAILABLE');
      if ('err' in res)
        expect(new Set(res.err.details?.unavailableSeatIds)).toEqual(
          new Set(blocked.map((s) => r.seatIds[s])),
        );
      return;
    }
    if (!('hold' in res)) throw res.err;
    const previous = latestActive(m, this.user);
    if (previous) {
      previous[1].status = previous[1].expiresAt <= m.now ? 'EXPIRED' : 'RELEASED';
      for (const s of previous[1].seats) if (m.owner.get(s) === previous[0]) m.owner.delete(s);
    }
    m.holds.set(res.hold.id, {
      user: this.user,
      seats: new Set(this.seats),
      createdAt: m.now,
      expiresAt: m.now + TTL,
      extended: false,
      status: 'ACTIVE',
    });
    for (const s of this.seats) {
      const before = m.owner.get(s);
      if (before) m.holds.get(before)!.seats.delete(s);
      m.owner.set(s, res.hold.id);
    }
  }
  toString = () => `hold(u${this.user}, [${this.seats}])`;
}

class ReleaseCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly user: number) {}
  check = (m: Readonly<Model>) => latestActive(m as Model, this.user) !== undefined;
  async run(m: Model) {
    const [id, hold] = latestActive(m, this.user)!;
    const res = await h.services.holds.releaseHold(users[this.user]!, id);
    hold.status = hold.expiresAt <= m.now ? 'EXPIRED' : 'RELEASED';
    expect(res.status).toBe(hold.status);
    for (const s of hold.seats) if (m.owner.get(s) === id) m.owner.delete(s);
  }
  toString = () => `release(u${this.user})`;
}

class ExtendCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly user: number) {}
  check = (m: Readonly<Model>) => latestActive(m as Model, this.user) !== undefined;
  async run(m: Model) {
    const [id, hold] = latestActive(m, this.user)!;
    const res = await h.services.holds.extendHold(users[this.user]!, id).then(
      (x) => ({ ok: x }),
      (err: { code: string }) => ({ code: err.code }),
    );
    if (hold.expiresAt <= m.now) return expect(res).toEqual({ code: 'HOLD_EXPIRED' });
    if (hold.extended) return expect(res).toEqual({ code: 'BAD_USER_INPUT' });
    hold.extended = true;
    hold.expiresAt = Math.min(hold.expiresAt + EXTENSION, hold.createdAt + 2 * TTL);
    expect('ok' in res && res.ok.expiresAt.getTime()).toBe(hold.expiresAt);
  }
  toString = () => `extend(u${this.user})`;
}

class TickCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model) {
    clock.advance(this.ms);
    m.now += this.ms;
  }
  toString = () => `tick(${this.ms / 1000}s)`;
}

class WorkerCommand implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model) {
    while ((await h.services.holds.expireDueHolds(50)) > 0);
    for (const [id, hold] of m.holds) {
      if (hold.status !== 'ACTIVE' || hold.expiresAt > m.now) continue;
      hold.status = 'EXPIRED';
      for (const s of hold.seats) if (m.owner.get(s) === id) m.owner.delete(s);
    }
  }
  toString = () => 'worker()';
}

/** After every command: seat states and hold statuses in Postgres equal the model's. */
async function compare(m: Model, r: Real) {
  const states = new Map((await seatStates(h, r.showId)).map((s) => [s.id, s]));
  r.seatIds.forEach((id, s) => {
    const seat = states.get(id)!;
    const holder = live(m, m.owner.get(s));
    const heldNow = seat.status === 'HELD' && new Date(seat.holdExpiresAt!).getTime() > m.now;
    expect({ seat: s, held: heldNow, hold: heldNow ? seat.holdId : null }).toEqual({
      seat: s,
      held: holder !== undefined,
      hold: holder ? m.owner.get(s) : null,
    });
  });
  for (const [id, hold] of m.holds) {
    const real = await h.services.holds.getHold(users[hold.user]!, id);
    const expected = hold.status === 'ACTIVE' && hold.expiresAt <= m.now ? 'EXPIRED' : hold.status;
    expect({ id, status: real && h.services.holds.status(real) }).toEqual({ id, status: expected });
  }
  expect(await checkSeatInvariants(h, r.showId)).toEqual([]);
}

beforeAll(async () => {
  h = await createHarness({
    clock,
    config: { holds: { ttlSeconds: 600, extensionSeconds: 900, maxSeats: 10, maxActivePerUser: 3 } },
  });
  users = await createCustomers(h, 3);
});
afterAll(() => h.close());

it('holds behave like the model over random command sequences', async () => {
  const SEATS = 6;
  const user = fc.integer({ min: 0, max: 2 });
  const commands = [
    fc
      .tuple(user, fc.uniqueArray(fc.integer({ min: 0, max: SEATS - 1 }), { minLength: 1, maxLength: 3 }))
      .map(([u, s]) => new HoldCommand(u, s)),
    user.map((u) => new ReleaseCommand(u)),
    user.map((u) => new ExtendCommand(u)),
    fc.constantFrom(1_000, 120_000, 300_000, 599_000, 601_000).map((ms) => new TickCommand(ms)),
    fc.constant(new WorkerCommand()),
  ];
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
      // Each run gets its own show; earlier runs' holds are long expired and cleaned up.
      clock.advance(3 * TTL);
      while ((await h.services.holds.expireDueHolds(100)) > 0);
      const f = await createShowFixture(h.services, { rows: 1, seatsPerRow: SEATS });
      const real: Real = { showId: f.showId, seatIds: (await seatStates(h, f.showId)).map((s) => s.id) };
      const model: Model = { now: clock.now().getTime(), holds: new Map(), owner: new Map() };
      await fc.asyncModelRun(
        () => ({ model, real }),
        [...cmds].flatMap((c) => [c, new CompareCommand(c)]),
      );
    }),
    { numRuns: Number(process.env['MODEL_RUNS'] ?? 200) },
  );
}, 600_000);

/** Runs the comparison after each command, inside fast-check's run so failures shrink. */
class CompareCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly after: fc.AsyncCommand<Model, Real>) {}
  check = () => true;
  run = (m: Model, r: Real) => compare(m, r);
  toString = () => '';
}
