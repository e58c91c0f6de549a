import { Agent, request } from 'node:http';

/**
 * One fuzzed request. `target` is sent byte for byte (already percent-encoded),
 * so malformed escapes and invalid UTF-8 reach the server as generated.
 */
export interface FuzzRequest {
  /** The operation it exercises, e.g. GET /v1/organizations/{id}: groups failures. */
  operation: string;
  method: 'GET' | 'POST';
  target: string;
  /** JSON body (GraphQL). */
  body?: string;
}

export interface FuzzResponse {
  status: number;
  contentType: string;
  /** The first BODY_KEPT bytes: enough for any error document. */
  body: string;
  ms: number;
  timedOut: boolean;
  /** A connection reset or similar: the server did not answer at all. */
  networkError?: string;
}

const BODY_KEPT = 64 * 1024;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** Percent-encodes every byte except unreserved characters and , : (kept for readable reports). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~,:]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A query value: text to encode, or an already-encoded fragment sent as is (`%zz`, `%C0%80`). */
export type QueryValue = string | { raw: string };

export const encodeValue = (value: QueryValue) => (typeof value === 'string' ? percentEncode(value) : value.raw);

export function withQuery(path: string, query: [QueryValue, QueryValue][]): string {
  if (query.length === 0) return path;
  return `${path}?${query.map(([name, value]) => `${encodeValue(name)}=${encodeValue(value)}`).join('&')}`;
}

/** keepBytes: how much of the body to keep (the corpus reads whole documents, such as the taxonomy). */
export async function send(baseUrl: string, req: FuzzRequest, timeoutMs: number, keepBytes = BODY_KEPT): Promise<FuzzResponse> {
  const { hostname, port } = new URL(baseUrl);
  const started = performance.now();
  const headers: Record<string, string | number> = { accept: '*/*' };
  if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(req.body);
  }
  return new Promise((resolve) => {
    let settled = false; // a timeout destroys the socket, which then also reports an error
    const finish = (partial: Omit<FuzzResponse, 'ms'>) => {
      if (!settled) resolve({ ...partial, ms: Math.round(performance.now() - started) });
      settled = true;
    };
    const outgoing = request({ host: hostname, port, method: req.method, path: req.target, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < keepBytes) chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('end', () =>
        finish({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).subarray(0, keepBytes).toString('utf8'),
          timedOut: false,
        }),
      );
      res.on('error', (error) => finish({ status: 0, contentType: '', body: '', timedOut: false, networkError: error.message }));
    });
    outgoing.setTimeout(timeoutMs, () => {
      outgoing.destroy();
      finish({ status: 0, contentType: '', body: '', timedOut: true });
    });
    outgoing.on('error', (error) => finish({ status: 0, contentType: '', body: '', timedOut: false, networkError: error.message }));
    outgoing.end(req.body);
  });
}

/** Frees the keep-alive sockets so Jest and the long run can exit. */
export function closeConnections(): void {
  agent.destroy();
}
