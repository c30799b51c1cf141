import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { bearer, createGroup, signup, type TestUser } from './factories/index.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

function expectErrorShape(body: Record<string, unknown>, statusCode: number) {
  expect(body).toEqual(
    expect.objectContaining({
      statusCode,
      error: expect.any(String),
      message: expect.anything(),
    }),
  );
  expect(body).not.toHaveProperty('stack');
}

/** Every route the Nest router serves, as OpenAPI paths (`/api/v1/fan-groups/{groupId}`). */
function routesOf(t: TestApp): string[] {
  const routes = new Set<string>();
  const join = (...parts: (string | undefined)[]) =>
    `/${parts
      .flatMap((p) => (p ?? '').split('/'))
      .filter(Boolean)
      .join('/')}`;
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new () => object) | null;
      if (!controller) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const full = join(base === 'health' ? '' : 'api/v1', base, path).replace(/:(\w+)/g, '{$1}');
        routes.add(`${RequestMethod[method].toLowerCase()} ${full}`);
      }
    }
  }
  return [...routes].sort();
}

describe('HTTP platform', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    user = await signup(t.http);
  });

  describe('bodies', () => {
    it('answers malformed JSON with 400 in the error shape', async () => {
      const res = await t.http
        .post('/api/v1/fan-groups')
        .set(bearer(user))
        .set('Content-Type', 'application/json')
        .send('{"name": "Dimash&Dostar",')
        .expect(400);
      expectErrorShape(res.body, 400);
      expect(res.body.error).toBe('Bad Request');
    });

    it('answers malformed JSON on a public route with 400 too', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{email')
        .expect(400);
      expectErrorShape(res.body, 400);
    });

    it('answers a 200 kB body with 413 in the error shape', async () => {
      const res = await t.http
        .post('/api/v1/fan-groups')
        .set(bearer(user))
        .send({ name: 'Big', description: 'x'.repeat(200 * 1024) })
        .expect(413);
      expectErrorShape(res.body, 413);
      expect(res.body.error).toBe('Payload Too Large');
      expect(await t.db.query('SELECT 1 FROM fan_groups')).toHaveLength(0);
    });

    it('answers a non-JSON content type with 415', async () => {
      const res = await t.http
        .post('/api/v1/fan-groups')
        .set(bearer(user))
        .set('Content-Type', 'text/plain')
        .send('name=x')
        .expect(415);
      expectErrorShape(res.body, 415);
    });

    it.each([
      ['a JSON array', '[]'],
      ['a JSON string', '"Dimash"'],
      ['JSON null', 'null'],
      ['a JSON number', '42'],
      ['an empty body', ''],
    ])('answers %s where an object is expected with 400', async (_what, raw) => {
      const res = await t.http
        .post('/api/v1/fan-groups')
        .set(bearer(user))
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400);
    });

    it('takes an empty JSON body as no body on a route without one', async () => {
      const group = await t.http
        .post('/api/v1/fan-groups')
        .set(bearer(user))
        .send({ name: 'Empty body' });
      const other = await signup(t.http);
      await t.http
        .post(`/api/v1/fan-groups/${group.body.id}/join`)
        .set(bearer(other))
        .set('Content-Type', 'application/json')
        .send('')
        .expect(201);
    });

    it.each([
      ['a number for a text', { name: 123 }],
      ['an object for a text', { name: { first: 'x' } }],
      ['a string for a list', { name: 'X', languages: 'kk' }],
      ['an unsupported language in a list', { name: 'X', languages: ['de'] }],
      ['an unknown field', { name: 'X', owner: 'me' }],
      ['a prototype-polluting key', JSON.parse('{"name":"X","__proto__":{"admin":true}}')],
    ])('answers %s with 400', async (_what, body) => {
      const res = await t.http.post('/api/v1/fan-groups').set(bearer(user)).send(body);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400);
      expect(await t.db.query('SELECT 1 FROM fan_groups')).toHaveLength(0);
    });
  });

  describe('routes and ids', () => {
    it('answers unknown routes with 404 in the error shape', async () => {
      // Outside /api, /docs and /health an unknown path is the web app's (its history fallback).
      for (const path of [
        '/api/v1/nope',
        '/api/v2/fan-groups',
        '/api/v1/fan-groups/x/y/z',
      ]) {
        const res = await t.http.get(path).expect(404);
        expectErrorShape(res.body, 404);
      }
      await t.http.delete('/api/v1/me/nothing').set(bearer(user)).expect(404);
    });

    it('answers a malformed uuid in a path with 400', async () => {
      for (const id of ['123', 'not-a-uuid', `${randomUUID()}x`, "1' OR '1'='1"]) {
        const res = await t.http.get(`/api/v1/fan-groups/${encodeURIComponent(id)}`);
        expect(res.status).toBe(400);
        expectErrorShape(res.body, 400);
      }
      await t.http
        .put(`/api/v1/fan-groups/${randomUUID()}/members/nope`)
        .set(bearer(user))
        .send({ role: 'member' })
        .expect(400);
    });

    it('answers an unknown uuid with 404', async () => {
      const res = await t.http.get(`/api/v1/fan-groups/${randomUUID()}`).expect(404);
      expectErrorShape(res.body, 404);
    });
  });

  describe('paging', () => {
    it.each([
      ['limit=0'],
      ['limit=101'],
      ['limit=-1'],
      ['limit=abc'],
      ['limit=1.5'],
      ['limit='],
      ['offset=-1'],
      ['offset=abc'],
      ['limit=1&limit=2'],
      ['page=2'],
    ])('answers ?%s with 400', async (query) => {
      const res = await t.http.get(`/api/v1/fan-groups?${query}`);
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400);
    });

    it('accepts the bounds and applies defaults', async () => {
      const res = await t.http.get('/api/v1/fan-groups').expect(200);
      expect(res.body).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
      await t.http.get('/api/v1/fan-groups?limit=1&offset=0').expect(200);
      const max = await t.http.get('/api/v1/fan-groups?limit=100&offset=5').expect(200);
      expect(max.body).toMatchObject({ limit: 100, offset: 5 });
    });

    it('validates the paging of the members list too', async () => {
      const group = await createGroup(t.http);
      await t.http
        .get(`/api/v1/fan-groups/${group.id}/members?limit=0`)
        .set(bearer(group.member))
        .expect(400);
      await t.http
        .get(`/api/v1/fan-groups/${group.id}/members?offset=-1`)
        .set(bearer(group.member))
        .expect(400);
    });
  });

  describe('headers', () => {
    it('sets helmet security headers on API and health responses', async () => {
      for (const path of ['/health', '/api/v1/fan-groups']) {
        const res = await t.http.get(path);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['strict-transport-security']).toBeDefined();
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('sends no CORS headers when CORS_ORIGINS is unset', async () => {
      const res = await t.http.get('/api/v1/fan-groups').set('Origin', 'https://evil.example');
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.http
        .options('/api/v1/fan-groups')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.status).toBeLessThan(500);
    });

    it('gives every response a request id, keeping a sane one sent by the client', async () => {
      const kept = await t.http.get('/api/v1/fan-groups').set('X-Request-Id', 'abc-123');
      expect(kept.headers['x-request-id']).toBe('abc-123');
      const fresh = await t.http.get('/api/v1/nope').expect(404);
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const insane = await t.http.get('/health').set('X-Request-Id', 'a b<script>');
      expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('OpenAPI', () => {
    it('documents every route of the app', async () => {
      const res = await t.http.get('/docs-json').expect(200);
      const documented = Object.entries(res.body.paths as Record<string, object>)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
        .sort();
      const served = routesOf(t);
      expect(served).toEqual(
        expect.arrayContaining([
          'get /health',
          'post /api/v1/auth/signup',
          'post /api/v1/auth/login',
          'get /api/v1/me',
          'patch /api/v1/me',
          'post /api/v1/fan-groups',
          'get /api/v1/fan-groups',
          'get /api/v1/fan-groups/{groupId}',
          'patch /api/v1/fan-groups/{groupId}',
          'post /api/v1/fan-groups/{groupId}/join',
          'get /api/v1/fan-groups/{groupId}/members',
          'put /api/v1/fan-groups/{groupId}/members/{userId}',
          'delete /api/v1/fan-groups/{groupId}/members/{userId}',
        ]),
      );
      expect(documented).toEqual(served);
      await t.http.get('/docs').expect(200);
    });

    it('marks the protected routes with bearer auth and documents request bodies', async () => {
      const res = await t.http.get('/docs-json').expect(200);
      const paths = res.body.paths;
      expect(res.body.components.securitySchemes.bearer).toBeDefined();
      expect(paths['/api/v1/me'].get.security).toEqual([{ bearer: [] }]);
      const signupBody = paths['/api/v1/auth/signup'].post.requestBody;
      expect(signupBody.content['application/json'].schema.$ref).toMatch(/SignupDto$/);
      // Property-level schemas come from the Swagger CLI plugin at `nest build`; jest's swc
      // transform does not run it, so only the decorated properties are visible here.
      expect(res.body.components.schemas.SignupDto.properties.country).toBeDefined();
    });
  });

  describe('health', () => {
    it('answers 200 with database and redis up', async () => {
      const res = await t.http.get('/health').expect(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, redis: { status: 'up' } },
      });
    });
  });
});

describe('CORS with an allow-list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'https://fans.example, https://admin.fans.example' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('echoes an allowed origin', async () => {
    const res = await t.http.get('/api/v1/fan-groups').set('Origin', 'https://fans.example');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://fans.example');
    const second = await t.http.get('/health').set('Origin', 'https://admin.fans.example');
    expect(second.headers['access-control-allow-origin']).toBe('https://admin.fans.example');
  });

  it('answers an allowed preflight with the methods and the Authorization header', async () => {
    const res = await t.http
      .options('/api/v1/me')
      .set('Origin', 'https://fans.example')
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(res.status).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe('https://fans.example');
    expect(res.headers['access-control-allow-methods']).toMatch(/PATCH/);
  });

  it('does not allow another origin', async () => {
    const res = await t.http.get('/api/v1/fan-groups').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const lookalike = await t.http
      .get('/api/v1/fan-groups')
      .set('Origin', 'https://fans.example.evil.example');
    expect(lookalike.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('health when Redis is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on this port: the app must still boot and report itself unhealthy.
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6399' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /health with 503 naming redis as down, database up', async () => {
    const res = await t.http.get('/health').expect(503);
    expect(res.body).toMatchObject({
      statusCode: 503,
      status: 'error',
      details: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    expect(res.body).not.toHaveProperty('stack');
  });

  it('still serves requests that do not need Redis, sign-up included', async () => {
    await t.http.get('/api/v1/fan-groups').expect(200);
    const user = await signup(t.http);
    await t.http.get('/api/v1/me').set(bearer(user)).expect(200);
  });
});
