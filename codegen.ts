import type { CodegenConfig } from '@graphql-codegen/cli';
import { defineConfig } from '@eddeee888/gcg-typescript-resolver-files';

const config: CodegenConfig = {
  schema: 'schema/**/*.graphql',
  generates: {
    // schema/ sits outside src/resolvers, so one merged module: resolvers land in
    // src/resolvers/{Query,Mutation,Subscription}/<field>.ts and src/resolvers/<Type>.ts
    'src/resolvers': defineConfig({
      mode: 'merged',
      importExtension: '.js',
      resolverTypesPath: './__generated__/types.ts',
      resolverMainFile: './__generated__/resolvers.ts',
      typeDefsFilePath: './__generated__/typeDefs.ts',
      mergeSchema: false, // the merged SDL goes to ./schema.graphql below
      // schema/catalog.graphql -> src/resolvers/mappers/catalog.mappers.ts
      mappersRelativeTargetDir: '../src/resolvers/mappers',
      scalarsOverrides: { DateTime: { type: { input: 'Date', output: 'Date | string' } } },
      typesPluginsConfig: {
        contextType: '../../graphql/context.js#GraphQLContext',
        enumsAsTypes: true,
        useTypeImports: true,
      },
    }),
    // Merged SDL at the repo root: partners and client codegen use it without a running server.
    'schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: true } },
  },
};
export default config;
