import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import type { ParsedMail } from 'mailparser';
import { signup } from './factories/index.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

const idOf = (m: ParsedMail) => /^<([^@]+)@/.exec(m.messageId ?? '')?.[1];

async function outboxRow(t: TestApp, userId: string) {
  const rows = await t.db.query<
    { id: string; status: string; attempts: number; last_error: string | null }[]
  >(`SELECT id, status, attempts, last_error FROM mail_outbox WHERE user_id = $1`, [userId]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function waitForStatus(t: TestApp, id: string, status: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.db.query<{ status: string }[]>(
      `SELECT status FROM mail_outbox WHERE id = $1`,
      [id],
    );
    if (row?.status === status) return;
    if (Date.now() > deadline) throw new Error(`row ${id} is ${row?.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits a little longer than the sweep and retries need, so that a duplicate would show up. */
const settle = () => new Promise((r) => setTimeout(r, 800));

describe('welcome e-mail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    t.smtp.clear();
  });

  it.each([
    ['en', 'Welcome to Fan Events', 'Hello Emily'],
    ['ru', 'Добро пожаловать в Fan Events', 'Здравствуйте, Emily'],
    ['kk', 'Fan Events-ке қош келдіңіз', 'Сәлеметсіз бе, Emily'],
  ])('arrives once in %s with HTML and text parts', async (language, subject, greeting) => {
    const user = await signup(t.http, { language, displayName: 'Emily' });
    const [mail] = await t.smtp.waitFor((m) => t.smtp.to(user.email).includes(m));
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(greeting);
    expect(mail.html).toContain(greeting);
    expect(mail.headers.get('content-language')).toBe(language);
    const row = await outboxRow(t, user.id);
    expect(idOf(mail)).toBe(row.id);
    await waitForStatus(t, row.id, 'sent');
    await settle();
    expect(t.smtp.to(user.email)).toHaveLength(1);
  });

  it('keeps Kazakh letters intact in subject, text and HTML', async () => {
    const user = await signup(t.http, { language: 'kk', displayName: 'Әйгерім Құнанбайқызы' });
    const [mail] = await t.smtp.waitFor((m) => t.smtp.to(user.email).includes(m));
    expect(mail.subject).toContain('қош келдіңіз');
    expect(mail.text).toContain('Сәлеметсіз бе, Әйгерім Құнанбайқызы!');
    expect(mail.html).toContain('Әйгерім Құнанбайқызы');
    expect(mail.html).toContain('Тіркелгіңіз дайын');
  });

  it('escapes a display name that looks like HTML', async () => {
    const user = await signup(t.http, { displayName: '<script>alert(1)</script>' });
    const [mail] = await t.smtp.waitFor((m) => t.smtp.to(user.email).includes(m));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('shows the outbox backlog on /health without failing on it', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body.info.outbox).toMatchObject({
      status: 'up',
      pending: expect.any(Number),
      failed: expect.any(Number),
    });
  });

  it('sends one e-mail when the same outbox id is queued twice', async () => {
    const user = await signup(t.http, { displayName: 'Twice' });
    await t.smtp.waitFor((m) => t.smtp.to(user.email).includes(m));
    const row = await outboxRow(t, user.id);
    await waitForStatus(t, row.id, 'sent');
    const queue = t.app.get<Queue>(getQueueToken('mail'));
    // Bull ignores a second job with the same id; jobs under other ids still meet the row claim.
    await queue.add({ id: row.id }, { jobId: row.id });
    await queue.add({ id: row.id }, { jobId: `${row.id}-again` });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => queue.add({ id: row.id }, { jobId: `${row.id}-${i}` })),
    );
    await settle();
    expect(t.smtp.to(user.email)).toHaveLength(1);
  });
});
