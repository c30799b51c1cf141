import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { signup, type TestUser } from './factories/index.js';
import { PrivateRedis } from './utils/redis-server.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

const statuses = async (t: TestApp, users: TestUser[]) =>
  (
    await t.db.query<{ status: string }[]>(
      `SELECT status FROM mail_outbox WHERE user_id = ANY($1::uuid[])`,
      [users.map((u) => u.id)],
    )
  ).map((r) => r.status);

async function waitAllSent(t: TestApp, users: TestUser[], timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await statuses(t, users);
    if (s.length === users.length && s.every((x) => x === 'sent')) return;
    if (Date.now() > deadline) throw new Error(`outbox rows: ${s.join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 1000));

describe('e-mail while Redis is down', () => {
  const redis = new PrivateRedis(6391);
  let t: TestApp;

  beforeAll(async () => {
    await redis.start();
    t = await startTestApp({ REDIS_URL: redis.url, OUTBOX_STUCK_MS: '1500' });
  }, 20_000);
  afterAll(async () => {
    await redis.start();
    await t.close();
    await redis.kill();
  }, 20_000);
  beforeEach(async () => {
    await truncateAll(t.db);
    t.smtp.clear();
  });

  it('still signs users up, then sends every welcome e-mail exactly once when Redis is back', async () => {
    const before = await signup(t.http, { displayName: 'Before the outage' });
    await waitAllSent(t, [before]);

    await redis.kill();
    const during = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        signup(t.http, { displayName: `During ${i}`, language: ['en', 'ru', 'kk'][i % 3] }),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await statuses(t, during)).every((s) => s === 'pending')).toBe(true);

    await redis.start();
    await waitAllSent(t, during);
    await settle();
    for (const user of [before, ...during]) expect(t.smtp.to(user.email)).toHaveLength(1);
  }, 30_000);

  it('re-adds jobs that Redis lost while queued, and sends each once', async () => {
    const queue = t.app.get<Queue>(getQueueToken('mail'));
    // This worker stops taking jobs, so they sit in Redis when it dies.
    await queue.pause(true);
    const users = await Promise.all(
      Array.from({ length: 5 }, (_, i) => signup(t.http, { displayName: `Lost ${i}` })),
    );
    for (;;) {
      if ((await statuses(t, users)).every((s) => s === 'queued')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await redis.kill();
    await redis.start();
    await queue.resume(true);
    await waitAllSent(t, users);
    await settle();
    for (const user of users) expect(t.smtp.to(user.email)).toHaveLength(1);
  }, 30_000);
});
