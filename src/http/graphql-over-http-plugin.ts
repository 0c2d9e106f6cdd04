import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * GraphQL-over-HTTP status codes for legacy clients. A client that accepts only `application/json`
 * (not `application/graphql-response+json`) must get 200 for a well-formed request whose document
 * fails to parse, validate or coerce its variables: the errors are in the body, and older clients
 * treat any 4xx as a transport failure. Apollo answers 400 to everyone; clients that accept
 * `application/graphql-response+json` keep that 400, as the spec asks for them. Other statuses
 * (405, 413, 415, 429) are transport-level and stay.
 */
export function graphqlOverHttpStatusPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const accept = request.http?.headers.get('accept')?.toLowerCase();
      const legacyJsonOnly =
        accept !== undefined &&
        accept.includes('application/json') &&
        !accept.includes('application/graphql-response+json');
      if (!legacyJsonOnly) return;
      return {
        async willSendResponse({ response }) {
          if (response.http.status === 400 && response.body.kind === 'single') response.http.status = 200;
        },
      };
    },
  };
}
