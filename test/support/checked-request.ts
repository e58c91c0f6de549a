import supertest from 'supertest';
import { openApiResponses } from './openapi-responses';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/**
 * supertest, with every response checked against the committed openapi.yaml
 * (test/support/openapi-responses.ts): a drop-in for `import request from
 * 'supertest'` that every e2e suite uses. The check is added as the first
 * assertion of each request, so a response the document does not describe
 * fails the test that received it, with the reason, whatever the test itself
 * asserts afterwards.
 */
const request = ((app: Parameters<typeof supertest>[0], options?: Parameters<typeof supertest>[1]) => {
  const agent = supertest(app, options);
  for (const method of METHODS) {
    const send = agent[method].bind(agent);
    (agent as unknown as Record<string, unknown>)[method] = (path: string) =>
      send(path).expect((res: supertest.Response) => {
        const violations = openApiResponses().violations({ method, path, status: res.status, headers: res.headers, body: res.body, text: res.text });
        if (violations.length) throw new Error(`response not described by openapi.yaml:\n  ${violations.join('\n  ')}`);
      });
  }
  return agent;
}) as typeof supertest;

export default request;
export type { Response, Test } from 'supertest';

/** The same check for clients that take a `fetch` (the generated TypeScript client, openapi-fetch). */
export const checkedFetch: typeof fetch = async (input, init) => {
  const sent = new Request(input, init);
  const res = await fetch(sent);
  const text = await res.clone().text();
  const headers = Object.fromEntries(res.headers.entries());
  const violations = openApiResponses().violations({ method: sent.method, path: new URL(sent.url).pathname, status: res.status, headers, body: text, text });
  if (violations.length) throw new Error(`response not described by openapi.yaml:\n  ${violations.join('\n  ')}`);
  return res;
};
