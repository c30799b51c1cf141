import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { PG, isUnavailable, pgError } from '../database/pg-errors.js';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  [key: string]: unknown;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function body(statusCode: number, message: string | string[], extra: object = {}): ErrorBody {
  return { statusCode, error: REASONS[statusCode] ?? 'Error', message, ...extra };
}

/** A failed query without its parameters: they may hold e-mails, names or password hashes. */
function loggable(exception: unknown): unknown {
  if (!(exception instanceof QueryFailedError)) return exception;
  const { code } = (exception.driverError ?? {}) as { code?: string };
  return { type: 'QueryFailedError', message: exception.message, code, query: exception.query };
}

/**
 * The one exception filter: HTTP exceptions pass through in the API.md shape, Postgres
 * constraint errors become 4xx, an unreachable database 503, and anything else a 500 that is
 * logged with the request id and answered without a stack trace.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const result = this.toBody(exception, request);
    if (result.statusCode === 503 && !reply.getHeader('retry-after')) {
      void reply.header('Retry-After', '5');
    }
    void reply.status(result.statusCode).send(result);
  }

  private toBody(exception: unknown, request: FastifyRequest): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'string') return body(status, response);
      const r = response as Partial<ErrorBody>;
      return {
        ...r,
        ...body(status, r.message ?? exception.message, r.code ? { code: r.code } : {}),
      };
    }
    // Errors raised by Fastify itself before a route runs (body too large, malformed JSON...).
    const fastifyStatus = (exception as { statusCode?: number } | null)?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return body(fastifyStatus, (exception as Error).message);
    }
    const pg = pgError(exception);
    switch (pg?.code) {
      case PG.UNIQUE_VIOLATION:
        return body(HttpStatus.CONFLICT, 'Resource already exists', { code: 'DUPLICATE' });
      case PG.FOREIGN_KEY_VIOLATION:
        return body(HttpStatus.CONFLICT, 'Referenced resource does not exist or is still in use', {
          code: 'REFERENCE',
        });
      case PG.CHECK_VIOLATION:
      case PG.EXCLUSION_VIOLATION:
        return body(HttpStatus.CONFLICT, 'The change conflicts with the current state', {
          code: 'CONSTRAINT',
        });
      // Validation should have caught these; a safety net so bad input never becomes a 500.
      case PG.NOT_NULL_VIOLATION:
      case PG.STRING_DATA_RIGHT_TRUNCATION:
      case PG.INVALID_TEXT_REPRESENTATION:
      case PG.CHARACTER_NOT_IN_REPERTOIRE:
      case PG.NUMERIC_OUT_OF_RANGE:
      case PG.DATETIME_OUT_OF_RANGE:
        return body(HttpStatus.BAD_REQUEST, 'Invalid value');
      case PG.DEADLOCK:
      case PG.SERIALIZATION_FAILURE:
        return body(HttpStatus.CONFLICT, 'Concurrent update, please retry', { code: 'RETRY' });
    }
    if (isUnavailable(exception)) {
      this.logger.warn({ reqId: request.id, err: String(exception) }, 'dependency unavailable');
      return body(HttpStatus.SERVICE_UNAVAILABLE, 'Service temporarily unavailable');
    }
    this.logger.error(
      { reqId: request.id, err: loggable(exception) },
      `Unhandled error on ${request.method} ${request.routeOptions?.url ?? ''}`,
    );
    return body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}
