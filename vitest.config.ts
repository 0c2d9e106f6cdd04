import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql@16 ships CJS (main) and ESM (module) without an "exports" map: Vite would pick the .mjs
  // build for test files while Node loads the CJS build for Apollo, giving "Cannot use
  // GraphQLSchema from another module or realm". Pin one copy.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The machine has 2 cores shared with Postgres: more workers only add contention.
    maxWorkers: 2,
  },
});
