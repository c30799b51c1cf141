import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './utils/test-app.js';

describe('platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports database and redis up on /health', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.redis.status).toBe('up');
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(res.body.paths['/api/v1/auth/signup']).toBeDefined();
    expect(res.body.paths['/api/v1/fan-groups/{groupId}/members/{userId}']).toBeDefined();
    await t.http.get('/docs').expect(200);
  });

  it('sets helmet security headers', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('answers unknown routes with a 404 in the error shape', async () => {
    const res = await t.http.get('/api/v1/nope').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
