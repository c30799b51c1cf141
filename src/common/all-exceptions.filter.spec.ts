import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  type ArgumentsHost,
  BadRequestException,
  ForbiddenException,
  HttpException,
  Logger,
  ServiceUnavailableException,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { AppConflict } from './app-exception.js';

interface Sent {
  status?: number;
  body?: Record<string, unknown>;
  headers: Record<string, unknown>;
}

function run(exception: unknown): Sent {
  const sent: Sent = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    send(payload: Record<string, unknown>) {
      sent.body = payload;
      return reply;
    },
    header(name: string, value: unknown) {
      sent.headers[name.toLowerCase()] = value;
      return reply;
    },
    getHeader(name: string) {
      return sent.headers[name.toLowerCase()];
    },
  };
  const request = { id: 'req-1', method: 'POST', routeOptions: { url: '/x' } };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

function pg(code: string, constraint?: string): QueryFailedError {
  return new QueryFailedError(
    'INSERT ...',
    [],
    Object.assign(new Error('pg'), { code, constraint }),
  );
}

describe('AllExceptionsFilter', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('passes HTTP exceptions through in the API error shape', () => {
    const sent = run(new ForbiddenException('Only a group organizer may do this'));
    expect(sent.status).toBe(403);
    expect(sent.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Only a group organizer may do this',
    });
  });

  it('keeps validation messages as a list', () => {
    const sent = run(new BadRequestException(['name must be a string', 'country must be...']));
    expect(sent.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(sent.body!.message).toEqual(['name must be a string', 'country must be...']);
  });

  it('keeps the machine-readable code of a conflict', () => {
    const sent = run(new AppConflict('EVENT_FULL', 'The event is full', { capacity: 3 }));
    expect(sent.status).toBe(409);
    expect(sent.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'EVENT_FULL',
      message: 'The event is full',
      capacity: 3,
    });
  });

  it('answers a string-bodied HTTP exception in the shape too', () => {
    const sent = run(new HttpException('slow down', 429));
    expect(sent.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'slow down',
    });
  });

  it("maps Fastify's own client errors (body too large, bad JSON)", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(run(tooLarge).body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'Request body is too large',
    });
  });

  it.each([
    ['23505', 409, 'DUPLICATE'],
    ['23503', 409, 'REFERENCE'],
    ['23514', 409, 'CONSTRAINT'],
    ['23P01', 409, 'CONSTRAINT'],
    ['40P01', 409, 'RETRY'],
    ['40001', 409, 'RETRY'],
    ['23502', 400, undefined],
    ['22001', 400, undefined],
    ['22P02', 400, undefined],
    ['22021', 400, undefined],
  ])('maps Postgres error %s to %i', (code, status, appCode) => {
    const sent = run(pg(code));
    expect(sent.status).toBe(status);
    expect(sent.body).toMatchObject({ statusCode: status });
    if (appCode) expect(sent.body!.code).toBe(appCode);
    expect(JSON.stringify(sent.body)).not.toContain('INSERT');
  });

  it.each([['57014'], ['55P03']])(
    'answers a timed-out query (%s) with 503 and Retry-After',
    (code) => {
      const sent = run(pg(code));
      expect(sent.status).toBe(503);
      expect(sent.headers['retry-after']).toBeDefined();
    },
  );

  it('answers an unreachable database with 503', () => {
    const sent = run(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    );
    expect(sent.status).toBe(503);
  });

  it('answers anything else with a bare 500, no stack and no message leak', () => {
    const sent = run(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
  });

  it('logs an unexpected query failure without its parameters', () => {
    const logged: unknown[] = [];
    Logger.overrideLogger({
      log: () => undefined,
      warn: () => undefined,
      error: (message: unknown) => logged.push(message),
    });
    try {
      const failure = new QueryFailedError(
        'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
        ['olga@example.com', '$argon2id$v=19$secret'],
        Object.assign(new Error('value too long'), { code: 'XX000' }),
      );
      expect(run(failure).status).toBe(500);
      expect(JSON.stringify(logged)).toContain('INSERT INTO users');
      expect(JSON.stringify(logged)).not.toMatch(/olga@example.com|argon2id/);
    } finally {
      Logger.overrideLogger(false);
    }
  });

  it('keeps the terminus details of a failed health check', () => {
    const sent = run(
      new ServiceUnavailableException({
        status: 'error',
        info: {},
        error: { redis: { status: 'down' } },
        details: { redis: { status: 'down' } },
      }),
    );
    expect(sent.status).toBe(503);
    expect(sent.body).toMatchObject({
      statusCode: 503,
      status: 'error',
      details: { redis: { status: 'down' } },
    });
  });
});
