import { randomUUID } from 'node:crypto';

/** What a caller's (or a load balancer's) request id may look like: short, no spaces or control characters. */
const ACCEPTED_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The id of a request: the caller's `x-request-id` when it is a plain token
 * (so one id follows a request through proxies and into our logs), else a
 * fresh UUID. Anything else is replaced, never echoed or logged: a header
 * is caller input and could forge log lines or carry private data.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTED_ID.test(value) ? value : randomUUID();
}
