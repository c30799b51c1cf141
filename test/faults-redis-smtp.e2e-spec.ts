import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { signup, type TestUser } from './factories/index.js';
import { SmtpSink } from './utils/smtp-sink.js';
import { TcpProxy } from './utils/tcp-proxy.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

/**
 * Redis and SMTP behind fault-injecting TCP proxies: connections reset in the middle of the
 * conversation (not merely refused), and the platform must neither lose nor repeat an e-mail.
 */
describe('when Redis or SMTP connections are cut', () => {
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  const sink = new SmtpSink();
  let smtpProxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    await sink.start();
    smtpProxy = new TcpProxy('127.0.0.1', sink.port);
    const [redisPort, smtpPort] = [await redisProxy.start(), await smtpProxy.start()];
    t = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      OUTBOX_STUCK_MS: '1500',
      MAIL_RETRY_BASE_MS: '200',
    });
  });
  afterAll(async () => {
    redisProxy.restore();
    smtpProxy.restore();
    await t.close();
    await Promise.all([redisProxy.stop(), smtpProxy.stop(), sink.stop()]);
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    sink.clear();
  });

  const deliveredTo = (u: TestUser) => sink.to(u.email).map((m) => m.messageId);

  async function waitSent(users: TestUser[], timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await t.db.query<{ status: string }[]>(
        `SELECT status FROM mail_outbox WHERE user_id = ANY($1::uuid[])`,
        [users.map((u) => u.id)],
      );
      if (rows.length === users.length && rows.every((r) => r.status === 'sent')) return;
      if (Date.now() > deadline) throw new Error(`not sent: ${rows.map((r) => r.status).join()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('keeps answering writes while Redis is cut, and e-mails each change once afterwards', async () => {
    redisProxy.cut();
    const started = Date.now();
    const users = await Promise.all(
      Array.from({ length: 6 }, (_, i) => signup(t.http, { displayName: `Cut ${i}` })),
    );
    // No request waited on Redis (well under the relay's 3 s enqueue timeout).
    expect(Date.now() - started).toBeLessThan(3000);
    redisProxy.restore();
    await waitSent(users);
    await new Promise((r) => setTimeout(r, 1000));
    for (const u of users) expect(deliveredTo(u)).toHaveLength(1);
  });

  it('retries an e-mail whose SMTP connection is cut mid-send and delivers it once', async () => {
    // The connection drops just as the message's final "." would reach the server: the client
    // has sent everything and hears nothing back, the server never accepted it.
    smtpProxy.cutWhen((chunk) => chunk.includes('\r\n.\r\n'));
    const user = await signup(t.http, { displayName: 'Mid-send' });
    await waitSent([user]);
    await new Promise((r) => setTimeout(r, 1000));
    const row = await t.db.query<{ attempts: number }[]>(
      'SELECT attempts FROM mail_outbox WHERE user_id = $1',
      [user.id],
    );
    expect(row[0].attempts).toBeGreaterThanOrEqual(2);
    expect(deliveredTo(user)).toHaveLength(1);
  });
});
