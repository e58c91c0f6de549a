import request from './checked-request';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; invalid_params?: { name: string }[] } }[];
}

export async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  const res = await request(url).post('/graphql').send({ query, variables }).set('content-type', 'application/json');
  return res.body as GraphQLResult<T>;
}
