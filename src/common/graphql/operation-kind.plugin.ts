import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors/domain-error';
import { clientError } from './client-error';

/**
 * The schema has no subscription type and HTTP cannot stream one; graphql-js
 * would fail at execution with an uncoded error (read as INTERNAL). Refuse it
 * as the client's mistake before anything runs.
 */
export const operationKindPlugin: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hook returns a Promise; async turns the refusal thrown below into the rejection Apollo expects
      async didResolveOperation({ operation, schema }) {
        if (operation && !schema.getRootType(operation.operation)) {
          throw clientError(`This API has no ${operation.operation} operations; use a query or a mutation.`, ErrorCode.BadRequest);
        }
      },
    });
  },
};
