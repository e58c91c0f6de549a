import type { FastifyRequest } from 'fastify';
import { currentReadContext, formatLsn, inCurrentReadContext, parseLsn, runInReadContext } from './read-context';
import { isWriteRequest, readContextFor } from './read-routing.hook';

const req = (method: string, url: string, headers: Record<string, string> = {}, body?: unknown) =>
  ({ method, url, headers, body }) as unknown as FastifyRequest;

describe('read routing', () => {
  it('parses and orders WAL positions', () => {
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(parseLsn('16/B374D848')! > parseLsn('15/FFFFFFFF')!).toBe(true);
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
    for (const bad of ['', 'x', '0/', '/1', '123456789/0', '0/3000148; drop', '-1/0']) expect(parseLsn(bad)).toBeNull();
  });

  it('sends writes, conditional requests and malformed tokens to the primary', () => {
    expect(readContextFor(req('POST', '/v1/organizations'))).toEqual({ mode: 'primary' });
    expect(readContextFor(req('PATCH', '/v1/services/1'))).toEqual({ mode: 'primary' });
    expect(readContextFor(req('GET', '/v1/services/1', { 'if-none-match': 'W/"3"' }))).toEqual({ mode: 'primary' });
    expect(readContextFor(req('GET', '/v1/services/1', { 'if-match': '"3"' }))).toEqual({ mode: 'primary' });
    expect(readContextFor(req('GET', '/v1/services/1', { 'x-read-consistency': 'soon' }))).toEqual({ mode: 'primary' });
  });

  it('lets plain reads and token reads use a replica', () => {
    expect(readContextFor(req('GET', '/v1/services'))).toEqual({ mode: 'replica' });
    expect(readContextFor(req('GET', '/v1/services', { 'x-read-consistency': '0/3000148' }))).toEqual({ mode: 'replica', minLsn: 0x3000148n });
  });

  it('tells GraphQL queries from mutations', () => {
    const query = req('POST', '/graphql', {}, { query: '{ services { data { id } } }' });
    const mutation = req('POST', '/graphql', {}, { query: 'mutation { verifyService(id: "x") { id } }' });
    expect(isWriteRequest(query)).toBe(false);
    expect(readContextFor(query)).toEqual({ mode: 'replica' });
    expect(isWriteRequest(mutation)).toBe(true);
    expect(isWriteRequest(req('POST', '/graphql', {}, [{ query: '{ a }' }, { query: 'mutation { b }' }]))).toBe(true);
    expect(isWriteRequest(req('POST', '/graphql', {}, 'not json'))).toBe(true);
  });

  it('keeps a streamed body in the context of the request that started it', async () => {
    async function* reads() {
      await new Promise((resolve) => setImmediate(resolve));
      yield currentReadContext()?.mode;
      yield currentReadContext()?.mode;
    }
    const bound = runInReadContext({ mode: 'replica' }, () => inCurrentReadContext(reads()));
    const seen: unknown[] = [];
    for await (const mode of bound) seen.push(mode);
    expect(seen).toEqual(['replica', 'replica']);
  });
});
