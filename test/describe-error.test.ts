import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../src/db/client.js';
import { describeError, serializeError } from '../src/describe-error.js';
import { createTestDatabase } from './helpers/db.js';
import { captureLogs } from './helpers/log-capture.js';

/** describeError and the logger's err serializer on real query errors. */
const SECRET = 'pi_123_secret_do-not-log-me';
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let handle: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  // debug on (as the test harness has it): postgres.js then also puts the parameters on its errors.
  handle = createDb(database.url, { max: 1, onQuery: () => {} });
  await handle.db.execute(sql`create table probe (v text unique)`);
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

const failing = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the statement to fail');
};

describe('describeError', () => {
  it('a unique violation: the SQL and the Postgres message, not the value (which DETAIL quotes)', async () => {
    await handle.db.execute(sql`insert into probe (v) values (${SECRET})`);
    const err = await failing(() => handle.db.execute(sql`insert into probe (v) values (${SECRET})`));
    expect(String((err as Error).message)).toContain(SECRET); // what Drizzle itself says
    expect(describeError(err)).toBe(
      'Failed query: insert into probe (v) values ($1); caused by: Postgres 23505: duplicate key value violates unique constraint "probe_v_key"',
    );
  });

  it('a data exception quoting its input: the quoted value is masked', async () => {
    const err = await failing(() => handle.db.execute(sql`select ${SECRET}::uuid`));
    expect(describeError(err)).toBe(
      'Failed query: select $1::uuid; caused by: Postgres 22P02: invalid input syntax for type uuid: "…"',
    );
  });

  it('other errors keep their message and causes; thrown non-errors say what they were', () => {
    expect(describeError(new Error('outer', { cause: new Error('inner') }))).toBe('outer; caused by: inner');
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError({ password: SECRET })).toBe('a thrown object');
  });
});

describe('the logger', () => {
  it('logs a query error without its parameters, whether under err or alone', async () => {
    const log = captureLogs();
    const err = await failing(() => handle.db.execute(sql`select ${SECRET}::uuid`));
    log.logger.error({ err }, 'with a message');
    log.logger.error({ err });
    log.logger.error(err as Error);
    const lines = log.entries();
    expect(lines).toHaveLength(3);
    expect(log.text()).not.toContain(SECRET);
    expect(lines[0]!.err).toEqual(serializeError(err));
    expect(lines[0]!.err).toMatchObject({ type: 'DrizzleQueryError', code: '22P02' });
    expect(lines[0]!.err.stack).toMatch(/^DrizzleQueryError: Failed query: select \$1::uuid; .*\n\s+at /);
    expect(lines.map((l) => l['msg'])).toEqual(['with a message', describeError(err), describeError(err)]);
  });
});
