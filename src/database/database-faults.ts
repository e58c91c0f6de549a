import { DomainError, ErrorCode } from '../common/errors/domain-error';

/**
 * How a database failure that is not the caller's fault is told apart:
 * - `outage`: the server cannot be reached or stopped answering. The app
 *   logs it once, reports not-ready, and recovers when the server returns.
 * - `busy`: the server is fine but could not serve this request in time (a
 *   statement or lock timeout, every pooled connection taken). Retry soon.
 */
export type DatabaseFaultKind = 'outage' | 'busy';

export interface DatabaseFault {
  kind: DatabaseFaultKind;
  /** A short class of cause for the log ("connection refused"); never holds a query or its parameters. */
  reason: string;
}

/** Seconds a client should wait before retrying, by kind of fault. */
export const RETRY_AFTER_SECONDS: Record<DatabaseFaultKind, number> = { outage: 5, busy: 2 };

/** A 503 with a Retry-After: the request may well succeed a little later. */
export class ServiceUnavailableError extends DomainError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(ErrorCode.ServiceUnavailable, detail);
  }
}

interface DriverError {
  code?: unknown;
  message?: unknown;
  driverError?: DriverError;
}

// Node's socket errors, as `code` on the error pg passes on.
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'network timeout',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'host unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
};

// pg and pg-pool signal these by message only.
const DRIVER_MESSAGES: [RegExp, DatabaseFault][] = [
  [/^timeout exceeded when trying to connect$/, { kind: 'busy', reason: 'no free connection in time' }],
  [/connection timeout/i, { kind: 'outage', reason: 'connect timeout' }],
  [/^Query read timeout$/, { kind: 'outage', reason: 'query timeout (no answer)' }],
  [/^Connection terminated/, { kind: 'outage', reason: 'connection terminated' }],
  [/not queryable/, { kind: 'outage', reason: 'connection terminated' }],
];

function fromSqlState(code: string): DatabaseFault | null {
  if (code.startsWith('08')) return { kind: 'outage', reason: `connection exception (${code})` };
  switch (code) {
    case '57P01': // admin_shutdown
    case '57P02': // crash_shutdown
    case '57P03': // cannot_connect_now (starting up, shutting down, recovering)
      return { kind: 'outage', reason: `server shutting down or starting (${code})` };
    case '53300':
      return { kind: 'outage', reason: 'too many connections (53300)' };
    case '57014':
      return { kind: 'busy', reason: 'statement timeout (57014)' };
    case '55P03':
      return { kind: 'busy', reason: 'lock not available (55P03)' };
    default:
      return null;
  }
}

/** The fault behind `error` when it is the database's, not the caller's or ours; otherwise null. */
export function classifyDatabaseFault(error: unknown): DatabaseFault | null {
  if (!error || typeof error !== 'object') return null;
  const outer = error as DriverError;
  for (const candidate of [outer, outer.driverError]) {
    if (!candidate) continue;
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (NETWORK_CODES[code]) return { kind: 'outage', reason: NETWORK_CODES[code] };
    if (/^[0-9A-Z]{5}$/.test(code)) {
      const fault = fromSqlState(code);
      if (fault) return fault;
    }
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    for (const [pattern, fault] of DRIVER_MESSAGES) if (pattern.test(message)) return fault;
  }
  return null;
}

/** The 503 a request answers for a database fault. */
export function serviceUnavailable(fault: DatabaseFault): ServiceUnavailableError {
  const detail =
    fault.kind === 'outage'
      ? 'The database is not answering. Please retry shortly.'
      : 'The database is busy and could not answer in time. Please retry shortly.';
  return new ServiceUnavailableError(detail, RETRY_AFTER_SECONDS[fault.kind]);
}
