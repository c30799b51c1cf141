import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signup } from './factories/index.js';
import { TcpProxy } from './utils/tcp-proxy.js';
import { testDatabaseUrl } from './utils/test-env.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

describe('when Postgres fails', () => {
  let t: TestApp;
  const proxy = new TcpProxy('127.0.0.1', 5432);

  beforeAll(async () => {
    const port = await proxy.start();
    const url = new URL(testDatabaseUrl());
    url.port = String(port);
    t = await startTestApp({
      DATABASE_URL: url.toString(),
      DATABASE_STATEMENT_TIMEOUT_MS: '1500',
      DATABASE_LOCK_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    proxy.restore();
    await t.close();
    await proxy.stop();
  });

  it('answers 503 while the database is cut, and recovers by itself when it returns', async () => {
    await signup(t.http);
    proxy.cut();
    const down = await t.http.get('/api/v1/fan-groups');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    const health = await t.http.get('/health');
    expect(health.status).toBe(503);

    proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await t.http.get('/api/v1/fan-groups')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    await signup(t.http);
  });

  it('answers 503, not a hang, when the database stops answering', async () => {
    proxy.blackhole();
    const res = await t.http.get('/api/v1/fan-groups').timeout(15_000);
    expect(res.status).toBe(503);
    proxy.restore();
  }, 20_000);
});
