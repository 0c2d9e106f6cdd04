import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { createDb, type DbHandle } from '../../src/db/client.js';
import type { Viewer } from '../../src/domain/auth/tokens.js';
import { createManualClock, systemClock, type Clock } from '../../src/domain/clock.js';
import { createServices, type AppServices, type ServiceConfig } from '../../src/domain/services.js';
import { createContext, type GraphQLContext } from '../../src/graphql/context.js';
import { createFormatError } from '../../src/graphql/format-error.js';
import { schema } from '../../src/graphql/schema.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createTestDatabase } from './db.js';

export const TEST_CONFIG: ServiceConfig = {
  jwtSecret: 'test-secret-test-secret-test-secret-0123',
  jwtTtlSeconds: 3600,
  holds: { ttlSeconds: 600, extensionSeconds: 300, maxSeats: 10, maxActivePerUser: 3 },
  // Production hashes at N = 2^17 (~400 ms, 128 MiB); tests register hundreds of users.
  passwordHashN: 2 ** 10,
};

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, any> }[];
}

export interface Harness {
  db: DbHandle;
  url: string;
  services: AppServices;
  clock: Clock;
  /** Statements sent to Postgres since the last `resetStatements()`. */
  statements: string[];
  resetStatements(): void;
  /** Executes an operation through the real schema, Apollo pipeline and error mapping. */
  exec<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | null,
  ): Promise<GqlResult<T>>;
  /** Registers a fresh customer and returns its viewer. */
  customer(): Promise<Viewer & { email: string; token: string }>;
  /** Creates a fresh admin and returns its viewer. */
  admin(): Promise<Viewer & { email: string }>;
  close(): Promise<void>;
}

/** A harness on its own freshly cloned database. Pass a manual clock to control time. */
export async function createHarness(
  opts: { clock?: Clock; config?: Partial<ServiceConfig>; poolMax?: number; logger?: Logger } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  const statements: string[] = [];
  const db = createDb(database.url, { max: opts.poolMax ?? 10, onQuery: (q) => statements.push(q) });
  const clock = opts.clock ?? systemClock;
  const config = { ...TEST_CONFIG, ...opts.config };
  const logger = opts.logger ?? createLogger(process.env['TEST_LOG_LEVEL'] ?? 'silent');
  const services = createServices(db.db, config, clock, { logger, listener: db.listener });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  const exec = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    viewer: Viewer | null = null,
  ) => {
    const res = await apollo.executeOperation(
      { query, ...(variables ? { variables } : {}) },
      { contextValue: createContext(services, viewer) },
    );
    if (res.body.kind !== 'single') throw new Error('incremental delivery is not used');
    return JSON.parse(JSON.stringify(res.body.singleResult)) as GqlResult<T>;
  };

  return {
    db,
    url: database.url,
    services,
    clock,
    statements,
    resetStatements: () => {
      statements.length = 0;
    },
    exec,
    async customer() {
      const email = `c-${randomUUID()}@example.test`;
      const { token, user } = await services.auth.register({
        email,
        password: 'correct horse battery',
        name: 'Test Customer',
      });
      return { id: user.id, role: user.role, email, token };
    },
    async admin() {
      const email = `a-${randomUUID()}@example.test`;
      const { user } = await services.auth.ensureAdmin(email, 'admin password 123');
      return { id: user.id, role: 'ADMIN', email };
    },
    async close() {
      await apollo.stop();
      await db.close();
      await database.drop();
    },
  };
}

export { createManualClock };
