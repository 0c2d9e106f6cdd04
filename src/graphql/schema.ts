import { makeExecutableSchema } from '@graphql-tools/schema';
import { resolvers } from '../resolvers/__generated__/resolvers.js';
import { typeDefs } from '../resolvers/__generated__/typeDefs.js';

/** One executable schema, shared by Apollo (HTTP) and graphql-ws (WebSocket). */
export const schema = makeExecutableSchema({ typeDefs, resolvers });
