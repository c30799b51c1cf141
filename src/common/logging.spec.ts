import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createPino, prettyLogs, serializeRequest } from './logging.js';

describe('request log line', () => {
  it('drops the query string, which may carry names or addresses', () => {
    expect(
      serializeRequest({
        method: 'GET',
        url: '/api/v1/fan-groups?search=Aigerim%20Nurlanovna',
        host: 'api.local',
        ip: '10.0.0.1',
        socket: { remotePort: 5000 },
      }),
    ).toEqual({
      method: 'GET',
      url: '/api/v1/fan-groups',
      host: 'api.local',
      remoteAddress: '10.0.0.1',
      remotePort: 5000,
    });
  });

  it('keeps a path without a query as it is', () => {
    expect(serializeRequest({ method: 'DELETE', url: '/api/v1/me' }).url).toBe('/api/v1/me');
  });
});

describe('log format', () => {
  it('is human-readable only at a terminal outside production', () => {
    expect(prettyLogs('development', true)).toBe(true);
    expect(prettyLogs(undefined, true)).toBe(true);
    expect(prettyLogs('production', true)).toBe(false);
    expect(prettyLogs('development', false)).toBe(false);
    expect(prettyLogs('development', undefined)).toBe(false);
  });

  const capture = () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { lines, stream };
  };

  it('writes pretty lines, still redacted, when asked to', () => {
    const { lines, stream } = capture();
    createPino('info', stream, true).info({ email: 'a@b.c', count: 2 }, 'outbox drained');
    const text = lines.join('');
    expect(text).toMatch(/INFO.*outbox drained/);
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('a@b.c');
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('writes one JSON object a line otherwise', () => {
    const { lines, stream } = capture();
    createPino('info', stream).info({ count: 2 }, 'outbox drained');
    expect(JSON.parse(lines.join(''))).toMatchObject({
      level: 30,
      msg: 'outbox drained',
      count: 2,
    });
  });
});
