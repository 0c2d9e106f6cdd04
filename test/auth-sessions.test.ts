import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql, startApiServer, type ApiServer } from './helpers/api-server.js';
import { CREATE_CITY } from './helpers/admin-ops.js';
import { createHarness, TEST_CONFIG } from './helpers/harness.js';
import { createDb } from '../src/db/client.js';
import { createServices } from '../src/domain/services.js';

/**
 * Role and existence come from the database, not from the token: a demoted, deleted or revoked
 * user loses its rights within the session cache's staleness bound (1 s), over plain HTTP.
 */
let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api?.close());

/** Longer than the session cache keeps a user's role and token version (1 s). */
const STALENESS_MS = 1_100;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token } }';
const ME = '{ me { id role } }';

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const createCity = (token: string) =>
  postGraphql(
    api.base,
    { query: CREATE_CITY, variables: { input: { name: `City ${randomUUID()}`, country: 'DE' } } },
    as(token),
  );
const codeOf = (res: Awaited<ReturnType<typeof postGraphql>>) => res.body.errors?.[0]?.extensions?.['code'];

/** A fresh admin, signed in over HTTP. */
async function adminToken() {
  const admin = await api.h.admin();
  const res = await postGraphql(api.base, {
    query: LOGIN,
    variables: { input: { email: admin.email, password: 'admin password 123' } },
  });
  return { id: admin.id, token: res.body.data.login.token as string };
}

describe('the role of a token is the role in the database', () => {
  it('a demoted admin loses admin rights with the token it already has', async () => {
    const admin = await adminToken();
    expect(codeOf(await createCity(admin.token))).toBeUndefined();

    await api.h.db.db.execute(sql`update users set role = 'CUSTOMER' where id = ${admin.id}`);
    await wait(STALENESS_MS);

    expect(codeOf(await createCity(admin.token))).toBe('FORBIDDEN');
    expect((await postGraphql(api.base, { query: ME }, as(admin.token))).body.data.me).toEqual({
      id: admin.id,
      role: 'CUSTOMER',
    });
  });

  it('a deleted admin is nobody: its token is treated as an invalid token', async () => {
    const admin = await adminToken();
    await api.h.db.db.execute(sql`delete from users where id = ${admin.id}`);
    await wait(STALENESS_MS);

    // As for any invalid token today: anonymous, so me is null and admin mutations UNAUTHENTICATED.
    expect((await postGraphql(api.base, { query: ME }, as(admin.token))).body).toEqual({
      data: { me: null },
    });
    expect(codeOf(await createCity(admin.token))).toBe('UNAUTHENTICATED');
  });

  it('bumping the token version revokes every session of the user', async () => {
    const admin = await adminToken();
    const second = (
      await postGraphql(api.base, {
        query: LOGIN,
        variables: {
          input: {
            email: (await api.h.services.auth.findUser(admin.id))!.email,
            password: 'admin password 123',
          },
        },
      })
    ).body.data.login.token as string;
    await api.h.services.auth.revokeSessions(admin.id);

    for (const token of [admin.token, second]) {
      expect(codeOf(await createCity(token))).toBe('UNAUTHENTICATED');
      expect((await postGraphql(api.base, { query: ME }, as(token))).body.data.me).toBeNull();
    }
  });

  it('reads a busy user at most once per staleness window, however many requests it sends', async () => {
    const admin = await adminToken();
    await wait(STALENESS_MS);
    api.h.resetStatements();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => postGraphql(api.base, { query: '{ __typename }' }, as(admin.token))),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const userReads = api.h.statements.filter((s) => /from "users"/i.test(s));
    expect(userReads).toHaveLength(1);
  });
});

describe('processes that watch user changes (the API does, at start)', () => {
  /**
   * Two API processes on one database, as in production: both watch the notifications of
   * migration 0010. A change made anywhere (here: plain SQL, as an operator would) reaches both
   * at once, although each now keeps a user cached for 30 s.
   */
  async function twoWatchingServers() {
    const h = await createHarness();
    const other = createDb(h.url, { max: 4 });
    const otherServices = createServices(other.db, TEST_CONFIG, undefined, { listener: other.listener });
    const unwatch = [
      await h.services.auth.watchSessions(h.db.listener),
      await otherServices.auth.watchSessions(other.listener),
    ];
    const first = await startApiServer({}, h);
    const second = await startApiServer({}, { ...h, services: otherServices });
    return {
      h,
      servers: [first, second],
      async close() {
        for (const stop of unwatch) await stop();
        await first.close();
        await second.close();
        await other.close();
        await h.close();
      },
    };
  }

  it('a demotion, a revocation and a deletion reach every process within a fraction of a second', async () => {
    const world = await twoWatchingServers();
    try {
      const signIn = async () => {
        const admin = await world.h.admin();
        const res = await postGraphql(world.servers[0]!.base, {
          query: LOGIN,
          variables: { input: { email: admin.email, password: 'admin password 123' } },
        });
        return { id: admin.id, token: res.body.data.login.token as string };
      };
      const admin = await signIn();
      const roleSeenBy = (token: string) => async (server: ApiServer) =>
        (await postGraphql(server.base, { query: ME }, as(token))).body.data.me?.role ?? null;
      const rolesSeen = (token: string) => Promise.all(world.servers.map(roleSeenBy(token)));
      // Both processes have the admin cached now.
      expect(await rolesSeen(admin.token)).toEqual(['ADMIN', 'ADMIN']);

      await world.h.db.db.execute(sql`update users set role = 'CUSTOMER' where id = ${admin.id}`);
      await waitFor(async () => (await rolesSeen(admin.token)).every((r) => r === 'CUSTOMER'));

      await world.h.db.db.execute(sql`update users set token_version = token_version + 1 where id = ${admin.id}`);
      await waitFor(async () => (await rolesSeen(admin.token)).every((r) => r === null));

      const deleted = await signIn();
      expect(await rolesSeen(deleted.token)).toEqual(['ADMIN', 'ADMIN']);
      await world.h.db.db.execute(sql`delete from users where id = ${deleted.id}`);
      await waitFor(async () => (await rolesSeen(deleted.token)).every((r) => r === null));
    } finally {
      await world.close();
    }
  });
});

/** Polls `check` every 20 ms; fails if it is not true within 500 ms (well inside the 30 s cache). */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 500;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not seen within 500 ms');
    await wait(20);
  }
}
