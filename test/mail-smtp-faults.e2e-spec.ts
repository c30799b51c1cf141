import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { signup, type TestUser } from './factories/index.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

interface Row {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

async function rowOf(t: TestApp, user: TestUser): Promise<Row> {
  const [row] = await t.db.query<Row[]>(
    `SELECT id, status, attempts, last_error FROM mail_outbox WHERE user_id = $1`,
    [user.id],
  );
  return row;
}

async function waitForRow(t: TestApp, user: TestUser, status: string): Promise<Row> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await rowOf(t, user);
    if (row?.status === status) return row;
    if (Date.now() > deadline) throw new Error(`row is ${row?.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Longer than the sweep interval and the retry backoff, so that a stray resend would land. */
const settle = () => new Promise((r) => setTimeout(r, 1000));

describe('e-mail delivery when the SMTP server refuses', () => {
  let t: TestApp;
  /** Delivery attempts per recipient address, accepted or not. */
  let tries: Map<string, number>;

  beforeAll(async () => {
    t = await startTestApp({ MAIL_MAX_ATTEMPTS: '3', MAIL_RETRY_BASE_MS: '100' });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    t.smtp.clear();
    tries = new Map();
  });

  /** Rejects mail to `user` with the given codes, one per attempt, then accepts. */
  function rejectFor(email: string, codes: number[]) {
    t.smtp.behaviour.reject = ({ to }) => {
      const address = to[0];
      const n = (tries.get(address) ?? 0) + 1;
      tries.set(address, n);
      return address === email ? codes[n - 1] : undefined;
    };
  }

  let seq = 0;
  const freshEmail = () => `target-${Date.now()}-${++seq}@example.com`;

  it('retries a 451 twice and then delivers exactly once', async () => {
    const email = freshEmail();
    rejectFor(email, [451, 451]);
    const target = await signup(t.http, { email, displayName: 'Retry me' });
    const row = await waitForRow(t, target, 'sent');
    await settle();
    expect(t.smtp.to(target.email)).toHaveLength(1);
    expect(tries.get(target.email.toLowerCase())).toBe(3);
    expect(row.attempts).toBe(3);
    expect(row.last_error).toContain('451');
  });

  it('does not retry a 550: the row is failed with the reason, other e-mails still go', async () => {
    const email = freshEmail();
    rejectFor(email, [550]);
    const target = await signup(t.http, { email, displayName: 'Unknown mailbox' });
    const others = await Promise.all(
      ['en', 'ru', 'kk'].map((language) => signup(t.http, { language })),
    );
    const row = await waitForRow(t, target, 'failed');
    for (const other of others) await waitForRow(t, other, 'sent');
    await settle();
    expect(tries.get(target.email.toLowerCase())).toBe(1);
    expect(t.smtp.to(target.email)).toHaveLength(0);
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('550');
    for (const other of others) expect(t.smtp.to(other.email)).toHaveLength(1);
    expect((await rowOf(t, target)).status).toBe('failed');
  });

  it('gives up after the configured number of temporary failures', async () => {
    const email = freshEmail();
    rejectFor(email, [451, 451, 451, 451, 451]);
    const target = await signup(t.http, { email, displayName: 'Always busy' });
    const row = await waitForRow(t, target, 'failed');
    await settle();
    expect(row.attempts).toBe(3);
    expect(row.last_error).toMatch(/^gave up after 3 attempts: .*451/);
    expect(tries.get(target.email.toLowerCase())).toBe(3);
  });

  it('retries while the SMTP server is unreachable and delivers once it is back', async () => {
    const port = t.smtp.port;
    await t.smtp.stop();
    const user = await signup(t.http, { displayName: 'Server down' });
    // The first attempt fails on the closed port; bring the server back before the retry.
    for (let row = await rowOf(t, user); !row.last_error; row = await rowOf(t, user)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await rowOf(t, user)).status).not.toBe('sent');
    await t.smtp.start(port);
    await waitForRow(t, user, 'sent');
    await settle();
    expect(t.smtp.to(user.email)).toHaveLength(1);
    const row = await rowOf(t, user);
    expect(row.attempts).toBeGreaterThan(1);
    expect(row.last_error).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
  });
});
