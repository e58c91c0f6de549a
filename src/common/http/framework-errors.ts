import { DomainError, ErrorCode } from '../errors/domain-error';

export interface FrameworkError {
  code?: string;
  statusCode?: number;
}

const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * Every error Fastify raises for a request before our code runs, as the
 * DomainError the client sees. Fastify's own messages quote the URL (which may
 * carry a caller's location or a pasted key), so each gets a fixed message.
 */
export function fromFrameworkError(error: FrameworkError, maxBodyBytes: number): DomainError | undefined {
  switch (error?.code) {
    case 'FST_ERR_BAD_URL':
      return new DomainError(ErrorCode.BadRequest, 'The URL path is not valid percent-encoded text.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new DomainError(ErrorCode.UriTooLong, 'A path segment is longer than any id or code this API uses.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DomainError(ErrorCode.UnsupportedMediaType, 'Request bodies must be JSON: content-type: application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError(ErrorCode.PayloadTooLarge, `Request bodies are limited to ${MB(maxBodyBytes)}.`);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DomainError(ErrorCode.BadRequest, 'The body size does not match the Content-Length header.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return DomainError.invalidParameter('body', 'is empty; send a JSON object (content-type: application/json)');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return DomainError.invalidParameter('body', 'is not valid JSON');
    case 'FST_ERR_HANDLER_TIMEOUT':
      return new DomainError(ErrorCode.ServiceUnavailable, 'The request took too long. Try again shortly.');
    case 'FST_ERR_NOT_FOUND':
      return new DomainError(ErrorCode.RouteNotFound, 'There is no endpoint at this path. See /docs.');
    case 'FST_ERR_VALIDATION':
    case 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE':
    case 'FST_ERR_ROUTE_MISSING_CONTENT':
      return new DomainError(ErrorCode.BadRequest, 'The request does not have the shape this endpoint takes. See /docs.');
  }
  return undefined;
}

/** Node's HTTP parser rejected the request (clientError): status, code and message, nothing echoed. */
export function fromClientError(error: { code?: string }): DomainError {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new DomainError(ErrorCode.RequestTimeout, 'The request was not received in time.');
    case 'HPE_HEADER_OVERFLOW':
      return new DomainError(ErrorCode.HeadersTooLarge, 'The request headers are too large.');
    default:
      return new DomainError(ErrorCode.BadRequest, 'The request is not valid HTTP.');
  }
}
