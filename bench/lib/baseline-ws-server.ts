/**
 * The baseline of bench:fanout: a minimal graphql-ws server with graphql-ws's defaults (the
 * subscription document executed and serialized for every subscriber on every event) publishing
 * what the parent sends over IPC from an in-memory pub/sub. Run as its own process.
 */
import { createServer } from 'node:http';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { PubSub } from 'graphql-subscriptions';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const emitter = new EventEmitter();
emitter.setMaxListeners(0);
const pubsub = new PubSub({ eventEmitter: emitter });
const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    type Query {
      ok: Boolean
    }
    type ShowSeat {
      id: ID!
      status: String!
      label: String
    }
    type SeatChange {
      showId: ID!
      version: Int!
      snapshot: Boolean!
      seats: [ShowSeat!]!
    }
    type Subscription {
      seatChanged(showId: ID!, afterVersion: Int): SeatChange!
    }
  `,
  resolvers: {
    Subscription: {
      seatChanged: {
        subscribe: () => pubsub.asyncIterableIterator('show'),
        resolve: (payload: unknown) => payload,
      },
    },
  },
});

const server = createServer();
useServer({ schema }, new WebSocketServer({ server, path: '/graphql' }));
server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', port: (server.address() as AddressInfo).port });
});
process.on('message', (m: { type: string; payload?: unknown }) => {
  if (m.type === 'publish') void pubsub.publish('show', m.payload);
  if (m.type === 'stop') server.close(() => process.exit(0));
});
