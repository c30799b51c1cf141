import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { RedisClient } from '../src/common/redis/redis.module.js';
import { bearer, createGroup, signup, type TestGroup, type TestUser } from './factories/index.js';
import { createEvent } from './utils/events.js';
import { ticketBody } from './utils/help-requests.js';
import { HELMET, helmetHeaders } from './utils/security.js';
import { startTestApp, truncateAll, type TestApp } from './utils/test-app.js';

/**
 * USER_RATE_LIMIT on the creating routes (registrations, help requests), counted in Redis and
 * shared by every API process. The /auth limit (per IP, two processes, TRUST_PROXY) is tested
 * in auth.e2e-spec.ts, the help-request limit on one process in help-requests-rate-limit.
 */
describe('per-user rate limit shared by two API processes', () => {
  const prefix = `fanevents-test-url-${randomBytes(4).toString('hex')}`;
  let a: TestApp;
  let b: TestApp;
  let g: TestGroup;
  let events: string[];

  beforeAll(async () => {
    a = await startTestApp({ USER_RATE_LIMIT: '3', REDIS_PREFIX: prefix });
    b = await startTestApp({ USER_RATE_LIMIT: '3', REDIS_PREFIX: prefix });
    await truncateAll(a.db);
    g = await createGroup(a.http);
    events = [];
    for (let i = 0; i < 5; i++) events.push((await createEvent(a.http, g.organizer, g.id)).id);
  }, 60_000);
  afterAll(async () => {
    const redis = a.app.get(RedisClient).redis;
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await a.close();
    await b.close();
  }, 30_000);

  const registrations = async (user: TestUser) =>
    (
      await a.db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM registrations WHERE user_id = $1',
        [user.id],
      )
    )[0].n;

  it('refuses the 4th creation in a minute across both processes with 429 and Retry-After, writing nothing', async () => {
    const fan = await signup(a.http);
    const register = (app: TestApp, eventId: string) =>
      app.http.post(`/api/v1/events/${eventId}/registrations`).set(bearer(fan)).send({});
    expect((await register(a, events[0])).status).toBe(201);
    expect((await register(b, events[1])).status).toBe(201);
    expect((await register(a, events[2])).status).toBe(201);
    const refused = await register(b, events[3]);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.any(String),
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(helmetHeaders(refused)).toEqual(HELMET);
    expect(await registrations(fan)).toBe(3);

    // Registrations and help requests draw on one allowance of creations per user.
    const help = await a.http
      .post(`/api/v1/fan-groups/${g.id}/help-requests`)
      .set(bearer(fan))
      .send(ticketBody());
    expect(help.status).toBe(429);
    expect(help.headers['retry-after']).toBeDefined();
    const [{ n }] = await a.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM help_requests WHERE requester_id = $1',
      [fan.id],
    );
    expect(n).toBe(0);

    // The counter is one Redis key with a one-minute expiry, not process memory.
    const redis = b.app.get(RedisClient).redis;
    const key = `${prefix}:ratelimit:user:user:${fan.id}`;
    expect(Number(await redis.get(key))).toBe(5);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('counts per user, not per client address', async () => {
    const [first, second] = await Promise.all([signup(a.http), signup(a.http)]);
    for (let i = 0; i < 3; i++) {
      await b.http
        .post(`/api/v1/fan-groups/${g.id}/help-requests`)
        .set(bearer(first))
        .send(ticketBody())
        .expect(201);
    }
    await a.http
      .post(`/api/v1/events/${events[4]}/registrations`)
      .set(bearer(first))
      .send({})
      .expect(429);
    // Same address, another user: a full allowance of their own.
    await a.http
      .post(`/api/v1/events/${events[4]}/registrations`)
      .set(bearer(second))
      .send({})
      .expect(201);
  });

  it('does not count reads against the allowance', async () => {
    const fan = await signup(a.http);
    for (let i = 0; i < 5; i++) {
      await a.http.get('/api/v1/me/registrations').set(bearer(fan)).expect(200);
      await b.http.get('/api/v1/me/help-requests').set(bearer(fan)).expect(200);
    }
    await b.http
      .post(`/api/v1/events/${events[0]}/registrations`)
      .set(bearer(fan))
      .send({})
      .expect(201);
  });
});
