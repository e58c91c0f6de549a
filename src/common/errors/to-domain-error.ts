import { HttpException, NotFoundException } from '@nestjs/common';
import { classifyDatabaseFault, serviceUnavailable } from '../../database/database-faults';
import { toDomainErrorFromDatabase } from './database-errors';
import { DomainError, ErrorCode } from './domain-error';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Maps anything thrown while handling a request to the DomainError the client
 * sees. Unknown errors become a bare 500 whose detail reveals nothing.
 */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  // bad input the database refused (22xxx, 23xxx): 400/409, mapped in one place
  const refused = error && typeof error === 'object' ? toDomainErrorFromDatabase(error) : error;
  if (refused instanceof DomainError) return refused;
  // the database down, paused or too slow: 503 with Retry-After
  const fault = classifyDatabaseFault(error);
  if (fault) return serviceUnavailable(fault);
  if (error instanceof NotFoundException) {
    return new DomainError(ErrorCode.RouteNotFound, 'There is no endpoint at this path. See /docs.');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'object' && response !== null && 'message' in response ? String(response.message) : error.message;
    return DomainError.fromStatus(status, message);
  }
  // Fastify's own errors (bad JSON body, wrong content type, body too large).
  const fastify = error as FastifyLikeError;
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return DomainError.fromStatus(fastify.statusCode, fastify.message ?? 'Bad request');
  }
  return new DomainError(ErrorCode.Internal, 'An unexpected error occurred. It has been logged.');
}
