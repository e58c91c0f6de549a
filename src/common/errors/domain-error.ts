/**
 * Machine-readable error codes. REST returns them as `code` in problem+json,
 * GraphQL as `extensions.code`; clients branch on these, never on messages.
 */
export enum ErrorCode {
  InvalidParameter = 'INVALID_PARAMETER',
  InvalidId = 'INVALID_ID',
  InvalidCursor = 'INVALID_CURSOR',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PreconditionFailed = 'PRECONDITION_FAILED',
  PreconditionRequired = 'PRECONDITION_REQUIRED',
  RateLimited = 'RATE_LIMITED',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UriTooLong = 'URI_TOO_LONG',
  RequestTimeout = 'REQUEST_TIMEOUT',
  HeadersTooLarge = 'HEADERS_TOO_LARGE',
  BadRequest = 'BAD_REQUEST',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL',
}

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.InvalidParameter]: 400,
  [ErrorCode.InvalidId]: 400,
  [ErrorCode.InvalidCursor]: 400,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PreconditionFailed]: 412,
  [ErrorCode.PreconditionRequired]: 428,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.RouteNotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UriTooLong]: 414,
  [ErrorCode.RequestTimeout]: 408,
  [ErrorCode.HeadersTooLarge]: 431,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};

const TITLE: Record<ErrorCode, string> = {
  [ErrorCode.InvalidParameter]: 'Invalid parameter',
  [ErrorCode.InvalidId]: 'Malformed id',
  [ErrorCode.InvalidCursor]: 'Invalid cursor',
  [ErrorCode.BadRequest]: 'Bad request',
  [ErrorCode.Unauthenticated]: 'Authentication required',
  [ErrorCode.Forbidden]: 'Forbidden',
  [ErrorCode.NotFound]: 'Not found',
  [ErrorCode.Conflict]: 'Conflict',
  [ErrorCode.PreconditionFailed]: 'Precondition failed',
  [ErrorCode.PreconditionRequired]: 'Precondition required',
  [ErrorCode.RateLimited]: 'Too many requests',
  [ErrorCode.RouteNotFound]: 'No such endpoint',
  [ErrorCode.MethodNotAllowed]: 'Method not allowed',
  [ErrorCode.PayloadTooLarge]: 'Payload too large',
  [ErrorCode.UriTooLong]: 'URI too long',
  [ErrorCode.RequestTimeout]: 'Request timeout',
  [ErrorCode.HeadersTooLarge]: 'Request headers too large',
  [ErrorCode.UnsupportedMediaType]: 'Unsupported media type',
  [ErrorCode.ServiceUnavailable]: 'Service unavailable',
  [ErrorCode.Internal]: 'Internal error',
};

export interface InvalidParam {
  /** The parameter (query, path or GraphQL argument) at fault. */
  name: string;
  /** The rule it broke, in words. */
  reason: string;
}

/** An error the API means to return, with its code and the parameter at fault. */
export class DomainError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly invalidParams: InvalidParam[] = [],
  ) {
    super(detail);
    this.status = STATUS[code];
    this.title = TITLE[code];
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `No ${what} with id '${id}'.`);
  }

  static invalidParameter(name: string, reason: string): DomainError {
    return new DomainError(ErrorCode.InvalidParameter, `${name}: ${reason}`, [{ name, reason }]);
  }

  static fromStatus(status: number, detail: string): DomainError {
    // a bare 400 says nothing about ids or cursors: only the generic code fits it
    const specific = [ErrorCode.InvalidParameter, ErrorCode.InvalidId, ErrorCode.InvalidCursor];
    const code =
      (Object.keys(STATUS) as ErrorCode[]).find((c) => STATUS[c] === status && !specific.includes(c)) ??
      (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest);
    return new DomainError(code, detail);
  }
}
