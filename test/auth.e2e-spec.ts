import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisClient } from '../src/common/redis/redis.module.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';
import { bearer, signup } from './factories/index.js';

const SIGNUP = '/api/v1/auth/signup';
const LOGIN = '/api/v1/auth/login';
const PASSWORD = 'correct horse battery';

function signupBody(overrides: Record<string, unknown> = {}) {
  return {
    email: `fan-${randomBytes(4).toString('hex')}@example.com`,
    password: PASSWORD,
    displayName: 'Aigerim',
    country: 'KZ',
    language: 'kk',
    ...overrides,
  };
}

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT signed by hand, so the tests can forge what a client could send. */
function craftToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string | null,
): string {
  const unsigned = `${b64url(header)}.${b64url(payload)}`;
  const signature = secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
}

const now = () => Math.floor(Date.now() / 1000);

function expectErrorShape(body: Record<string, unknown>, statusCode: number) {
  expect(body.statusCode).toBe(statusCode);
  expect(typeof body.error).toBe('string');
  expect(['string', 'object']).toContain(typeof body.message);
  expect(body).not.toHaveProperty('stack');
}

const ANY_STATUS = /^(pending|queued|sending|sent)$/;

describe('accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
  });

  describe('signup', () => {
    it('creates the account and answers 201 with the user and a token, never the hash', async () => {
      const body = signupBody({ email: 'Aigerim@Example.COM' });
      const res = await t.http.post(SIGNUP).send(body).expect(201);
      expect(res.body.user).toEqual({
        id: expect.any(String),
        email: 'aigerim@example.com',
        displayName: 'Aigerim',
        country: 'KZ',
        language: 'kk',
        spokenLanguages: [],
      });
      expect(typeof res.body.accessToken).toBe('string');
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|password_hash|argon2/);
      const [row] = await t.db.query<{ password_hash: string }[]>(
        'SELECT password_hash FROM users WHERE id = $1',
        [res.body.user.id],
      );
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('writes a welcome e-mail to the outbox for the new user', async () => {
      const res = await t.http.post(SIGNUP).send(signupBody()).expect(201);
      const rows = await t.db.query<{ kind: string; user_id: string; status: string }[]>(
        'SELECT kind, user_id, status FROM mail_outbox',
      );
      // The in-process worker may already be sending it; what matters is that it was committed.
      expect(rows).toEqual([
        { kind: 'welcome', user_id: res.body.user.id, status: expect.stringMatching(ANY_STATUS) },
      ]);
    });

    it('commits the account and its welcome e-mail together or not at all', async () => {
      // Make the outbox insert fail: the account must not survive without its e-mail.
      await t.db.query(
        `ALTER TABLE mail_outbox ADD CONSTRAINT test_no_welcome CHECK (kind <> 'welcome')`,
      );
      try {
        const body = signupBody();
        const res = await t.http.post(SIGNUP).send(body);
        expect(res.status).not.toBe(201);
        expect(res.status).toBeLessThan(500);
        const users = await t.db.query('SELECT 1 FROM users WHERE email = $1', [body.email]);
        expect(users).toHaveLength(0);
      } finally {
        await t.db.query('ALTER TABLE mail_outbox DROP CONSTRAINT test_no_welcome');
      }
    });

    it('refuses an e-mail already taken in another letter case with 409 EMAIL_TAKEN', async () => {
      await t.http
        .post(SIGNUP)
        .send(signupBody({ email: 'olga@example.com' }))
        .expect(201);
      const res = await t.http
        .post(SIGNUP)
        .send(signupBody({ email: 'OLGA@Example.com' }))
        .expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'EMAIL_TAKEN' });
      const outbox = await t.db.query('SELECT 1 FROM mail_outbox');
      expect(outbox).toHaveLength(1);
    });

    it('lets exactly one of several simultaneous sign-ups with one e-mail succeed', async () => {
      const results = await Promise.all(
        ['lina@example.com', 'LINA@example.com', 'Lina@Example.com'].map((email) =>
          t.http.post(SIGNUP).send(signupBody({ email })),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const users = await t.db.query('SELECT 1 FROM users');
      expect(users).toHaveLength(1);
    });

    it.each([
      ['Kazakh', 'Әйгерім Сәрсенбайқызы'],
      ['Russian', 'Ольга Иванова'],
      ['Chinese', '李娜'],
      ['Japanese', 'さくら 田中'],
      ['emoji and accents', 'Émily 🎤'],
    ])('accepts a %s display name and returns it unchanged', async (_script, displayName) => {
      const res = await t.http.post(SIGNUP).send(signupBody({ displayName })).expect(201);
      expect(res.body.user.displayName).toBe(displayName);
      const me = await t.http.get('/api/v1/me').set(bearer({ token: res.body.accessToken }));
      expect(me.status).toBe(200);
      expect(me.body.displayName).toBe(displayName);
    });

    it('trims the display name and refuses a blank one', async () => {
      const res = await t.http
        .post(SIGNUP)
        .send(signupBody({ displayName: '  Timur  ' }))
        .expect(201);
      expect(res.body.user.displayName).toBe('Timur');
      await t.http
        .post(SIGNUP)
        .send(signupBody({ displayName: '   ' }))
        .expect(400);
    });

    it('refuses a NUL byte in a name with 400 and creates nothing', async () => {
      const res = await t.http
        .post(SIGNUP)
        .send(signupBody({ displayName: 'Ai\u0000gerim' }))
        .expect(400);
      expectErrorShape(res.body, 400);
      expect(await t.db.query('SELECT 1 FROM users')).toHaveLength(0);
    });

    it('refuses a lone surrogate in a name with 400', async () => {
      const body = JSON.stringify(signupBody()).replace('"Aigerim"', '"Ai\\ud800gerim"');
      const res = await t.http
        .post(SIGNUP)
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expectErrorShape(res.body, 400);
      const lowOnly = JSON.stringify(signupBody()).replace('"Aigerim"', '"\\udc00"');
      await t.http.post(SIGNUP).set('Content-Type', 'application/json').send(lowOnly).expect(400);
      expect(await t.db.query('SELECT 1 FROM users')).toHaveLength(0);
    });

    it('refuses a password shorter than 10 characters', async () => {
      const res = await t.http
        .post(SIGNUP)
        .send(signupBody({ password: '123456789' }))
        .expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/password/);
    });

    it.each([
      ['an unsupported language', { language: 'de' }, 'language'],
      ['a lower-case country', { country: 'kz' }, 'country'],
      ['an unknown country code', { country: 'XX' }, 'country'],
      ['a three-letter country', { country: 'KAZ' }, 'country'],
      ['a malformed e-mail', { email: 'not-an-email' }, 'email'],
      ['a numeric display name', { displayName: 42 }, 'displayName'],
      ['an overlong display name', { displayName: 'a'.repeat(101) }, 'displayName'],
    ])('refuses %s with 400 naming the field', async (_what, overrides, field) => {
      const res = await t.http.post(SIGNUP).send(signupBody(overrides)).expect(400);
      expectErrorShape(res.body, 400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    });

    it('refuses unknown fields instead of ignoring them', async () => {
      const res = await t.http
        .post(SIGNUP)
        .send(signupBody({ isAdmin: true }))
        .expect(400);
      expect(JSON.stringify(res.body.message)).toContain('isAdmin');
    });

    it('refuses a missing body with 400', async () => {
      const res = await t.http.post(SIGNUP).expect(400);
      expectErrorShape(res.body, 400);
    });
  });

  describe('login', () => {
    it('answers 200 with the user and a working token, e-mail in any case', async () => {
      const user = await signup(t.http, { email: 'sakura@example.jp' });
      const res = await t.http
        .post(LOGIN)
        .send({ email: 'Sakura@Example.JP', password: PASSWORD })
        .expect(200);
      expect(res.body.user).toMatchObject({ id: user.id, email: 'sakura@example.jp' });
      expect(res.body.user).not.toHaveProperty('passwordHash');
      await t.http
        .get('/api/v1/me')
        .set(bearer({ token: res.body.accessToken }))
        .expect(200);
    });

    it('gives a wrong password and an unknown e-mail the very same 401', async () => {
      await signup(t.http, { email: 'emily@example.com' });
      const wrong = await t.http
        .post(LOGIN)
        .send({ email: 'emily@example.com', password: 'wrong password!' })
        .expect(401);
      const unknown = await t.http
        .post(LOGIN)
        .send({ email: 'nobody@example.com', password: PASSWORD })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.any(String),
      });
    });

    it('refuses unknown fields and wrong types with 400', async () => {
      await t.http
        .post(LOGIN)
        .send({ email: 'a@example.com', password: PASSWORD, remember: true })
        .expect(400);
      await t.http.post(LOGIN).send({ email: 'a@example.com', password: 1234567890 }).expect(400);
    });
  });

  describe('me', () => {
    it('returns the caller without secrets', async () => {
      const user = await signup(t.http, { displayName: 'Даниияр', country: 'KZ', language: 'ru' });
      const res = await t.http.get('/api/v1/me').set(bearer(user)).expect(200);
      expect(res.body).toEqual({
        id: user.id,
        email: user.email,
        displayName: 'Даниияр',
        country: 'KZ',
        language: 'ru',
        spokenLanguages: [],
      });
    });

    it('updates display name, country and language', async () => {
      const user = await signup(t.http);
      const res = await t.http
        .patch('/api/v1/me')
        .set(bearer(user))
        .send({ displayName: '李娜', country: 'CN', language: 'en' })
        .expect(200);
      expect(res.body).toMatchObject({ id: user.id, displayName: '李娜', country: 'CN' });
      const me = await t.http.get('/api/v1/me').set(bearer(user)).expect(200);
      expect(me.body).toMatchObject({ displayName: '李娜', country: 'CN', language: 'en' });
    });

    it('changes only the fields sent', async () => {
      const user = await signup(t.http, { displayName: 'Lukas', country: 'DE', language: 'en' });
      const res = await t.http
        .patch('/api/v1/me')
        .set(bearer(user))
        .send({ language: 'ru' })
        .expect(200);
      expect(res.body).toMatchObject({ displayName: 'Lukas', country: 'DE', language: 'ru' });
    });

    it.each([
      ['an unsupported language', { language: 'de' }],
      ['a lower-case country', { country: 'kz' }],
      ['an unknown country', { country: 'XX' }],
      ['a blank display name', { displayName: ' ' }],
      ['a null display name', { displayName: null }],
      ['a null country', { country: null }],
      ['a null language', { language: null }],
      ['a numeric display name', { displayName: 7 }],
      ['an unknown field', { email: 'new@example.com' }],
      ['a NUL byte', { displayName: 'x\u0000' }],
    ])('refuses %s with 400 and changes nothing', async (_what, body) => {
      const user = await signup(t.http, { displayName: 'Timur', country: 'KZ', language: 'kk' });
      const res = await t.http.patch('/api/v1/me').set(bearer(user)).send(body).expect(400);
      expectErrorShape(res.body, 400);
      const me = await t.http.get('/api/v1/me').set(bearer(user)).expect(200);
      expect(me.body).toMatchObject({
        email: user.email,
        displayName: 'Timur',
        country: 'KZ',
        language: 'kk',
      });
    });

    it('refuses a lone surrogate in PATCH /me', async () => {
      const user = await signup(t.http);
      await t.http
        .patch('/api/v1/me')
        .set(bearer(user))
        .set('Content-Type', 'application/json')
        .send('{"displayName":"\\ud800"}')
        .expect(400);
    });

    it('answers 401 to anonymous callers of GET and PATCH', async () => {
      const res = await t.http.get('/api/v1/me').expect(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.any(String),
      });
      await t.http.patch('/api/v1/me').send({ language: 'en' }).expect(401);
    });
  });

  describe('access tokens', () => {
    const secret = process.env.JWT_SECRET!;
    let userId: string;
    beforeEach(async () => {
      userId = (await signup(t.http)).id;
    });

    async function expect401(authorization: string) {
      const res = await t.http.get('/api/v1/me').set('Authorization', authorization);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.any(String),
      });
    }

    it('accepts a token signed with the secret (sanity check of the forging helper)', async () => {
      const token = craftToken(
        { alg: 'HS256', typ: 'JWT' },
        { sub: userId, iat: now(), exp: now() + 600 },
        secret,
      );
      await t.http.get('/api/v1/me').set(bearer({ token })).expect(200);
    });

    it('refuses a malformed token', async () => {
      await expect401('Bearer not.a.jwt');
      await expect401('Bearer abc');
      await expect401('Bearer ');
      await expect401('Basic dXNlcjpwYXNz');
    });

    it('refuses a token with a wrong signature', async () => {
      const token = craftToken(
        { alg: 'HS256', typ: 'JWT' },
        { sub: userId, iat: now(), exp: now() + 600 },
        'another-secret-another-secret-another-secret',
      );
      await expect401(`Bearer ${token}`);
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const token = craftToken(
        { alg: 'none', typ: 'JWT' },
        { sub: userId, iat: now(), exp: now() + 600 },
        null,
      );
      await expect401(`Bearer ${token}`);
      await expect401(`Bearer ${token.slice(0, -1)}`);
    });

    it('refuses a token signed with another HMAC algorithm than HS256', async () => {
      const header = { alg: 'HS512', typ: 'JWT' };
      const unsigned = `${b64url(header)}.${b64url({ sub: userId, exp: now() + 600 })}`;
      const sig = createHmac('sha512', secret).update(unsigned).digest('base64url');
      await expect401(`Bearer ${unsigned}.${sig}`);
    });

    it('refuses an expired token', async () => {
      const token = craftToken(
        { alg: 'HS256', typ: 'JWT' },
        { sub: userId, iat: now() - 7200, exp: now() - 3600 },
        secret,
      );
      await expect401(`Bearer ${token}`);
    });

    it('refuses a token without a subject or with a subject that is not a user id', async () => {
      for (const payload of [{}, { sub: 42 }, { sub: 'admin' }, { sub: randomUUID() }]) {
        const token = craftToken(
          { alg: 'HS256', typ: 'JWT' },
          { ...payload, exp: now() + 600 },
          secret,
        );
        await expect401(`Bearer ${token}`);
      }
    });
  });
});

describe('auth rate limit', () => {
  const prefix = `fanevents-test-rl-${randomBytes(4).toString('hex')}`;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    // Two API processes sharing one Redis prefix, as in production behind a load balancer.
    a = await startTestApp({ AUTH_RATE_LIMIT: '3', REDIS_PREFIX: prefix });
    b = await startTestApp({ AUTH_RATE_LIMIT: '3', REDIS_PREFIX: prefix });
  });
  afterAll(async () => {
    await clearCounters(a.app.get(RedisClient).redis);
    await a.close();
    await b.close();
  });

  // Only this suite's keys: the Redis server is shared with other test runs.
  async function clearCounters(redis: Redis) {
    const keys = await redis.keys(`${prefix}:ratelimit:*`);
    if (keys.length > 0) await redis.del(...keys);
  }

  it('answers the 4th /auth request within a minute with 429 and Retry-After', async () => {
    const login = () => a.http.post(LOGIN).send({ email: 'x@example.com', password: PASSWORD });
    for (let i = 0; i < 3; i++) expect((await login()).status).toBe(401);
    const res = await login();
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.any(String),
    });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Sign-up shares the same per-IP budget.
    await a.http.post(SIGNUP).send(signupBody()).expect(429);
  });

  it('keeps the counters in Redis, shared by every API process', async () => {
    const redis = b.app.get(RedisClient).redis;
    await clearCounters(redis);
    const keysBefore = await redis.keys(`${prefix}:ratelimit:auth:*`);
    expect(keysBefore).toHaveLength(0);
    // Two requests on one process, one on the other: the fourth is refused by either.
    await a.http.post(LOGIN).send({ email: 'x@example.com', password: PASSWORD }).expect(401);
    await b.http.post(LOGIN).send({ email: 'x@example.com', password: PASSWORD }).expect(401);
    await a.http.post(LOGIN).send({ email: 'x@example.com', password: PASSWORD }).expect(401);
    const keys = await redis.keys(`${prefix}:ratelimit:auth:*`);
    expect(keys).toHaveLength(1);
    expect(await redis.get(keys[0])).toBe('3');
    expect(await redis.pttl(keys[0])).toBeGreaterThan(0);
    await b.http.post(LOGIN).send({ email: 'x@example.com', password: PASSWORD }).expect(429);
  });

  it('counts per client IP, not per proxy, when TRUST_PROXY is set', async () => {
    const proxied = await startTestApp({
      AUTH_RATE_LIMIT: '2',
      REDIS_PREFIX: prefix,
      TRUST_PROXY: '127.0.0.1',
    });
    try {
      await clearCounters(a.app.get(RedisClient).redis);
      const login = (ip: string) =>
        proxied.http
          .post(LOGIN)
          .set('X-Forwarded-For', ip)
          .send({ email: 'x@example.com', password: PASSWORD });
      await login('203.0.113.7').expect(401);
      await login('203.0.113.7').expect(401);
      await login('203.0.113.7').expect(429);
      await login('198.51.100.9').expect(401);
    } finally {
      await proxied.close();
    }
  });

  it('does not limit routes outside /auth', async () => {
    await clearCounters(a.app.get(RedisClient).redis);
    for (let i = 0; i < 5; i++) await a.http.get('/api/v1/fan-groups').expect(200);
  });
});
