import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** ~1.1 km: a caller's search point is never logged more precisely than this. */
const COORDINATE_DECIMALS = 2;

const round = (value: string) => {
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(COORDINATE_DECIMALS) : '?';
};

/**
 * The request URL as it may appear in a log: coordinates rounded to ~1 km,
 * ZIP codes cut to their 3-digit area, free text and cursors dropped, and
 * anything that looks like a credential removed.
 */
export function redactUrl(url: string): string {
  const parsed = new URL(url, 'http://log.invalid');
  const out = new URLSearchParams();
  for (const [key, value] of parsed.searchParams) {
    if (key === 'near' || key === 'bbox') out.set(key, value.split(',').map(round).join(','));
    else if (key === 'postal_code' || key === 'postcode') out.set(key, `${value.slice(0, 3)}xx`);
    else if (key === 'q' || key === 'cursor') out.set(key, `(${value.length} chars)`);
    else if (/key|token|secret|password|auth/i.test(key)) out.set(key, '(redacted)');
    else out.set(key, value.slice(0, 200));
  }
  const query = out.toString();
  return parsed.pathname + (query ? `?${query.replace(/%2C/g, ',')}` : '');
}

/** One line per request: method, redacted URL, status, duration. */
export function registerRequestLogging(fastify: FastifyInstance): void {
  const logger = new Logger('HTTP');
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.log(`${request.method} ${redactUrl(request.url)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`);
    done();
  });
}
