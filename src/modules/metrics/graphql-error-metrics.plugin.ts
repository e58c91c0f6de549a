import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlErrors } from './metrics';

/** Counts the errors of every GraphQL response by their typed code (extensions.code). */
export const graphqlErrorMetricsPlugin: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      didEncounterErrors({ errors }) {
        for (const error of errors) {
          const code = error.extensions?.code;
          graphqlErrors.inc({ code: typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? code : 'OTHER' });
        }
        return Promise.resolve();
      },
    });
  },
};
