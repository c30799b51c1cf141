import { describe, expect, it } from '@jest/globals';
import { serializeRequest } from './logging.js';

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
