import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { bearer, createGroup, signup, type TestUser } from './factories/index.js';
import { snapshot } from './utils/db-snapshot.js';
import { forgeToken } from './utils/security.js';
import { createEvent } from './utils/events.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';
import { setCookies, WEB, webLogin } from './utils/web-session.js';

const PUBLIC_URL = 'https://fans.example';
const RESET = '/api/v1/auth/password-reset';
const CONFIRM = '/api/v1/auth/password-reset/confirm';
const OLD_PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';

const LINK = /https:\/\/fans\.example\/reset-password\?token=([\w-]+)/;

describe('password reset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    t.smtp.clear();
  });

  const mailTo = async (user: { email: string }, count = 1): Promise<ParsedMail[]> =>
    t.smtp.waitFor(
      (m) =>
        m.to !== undefined && JSON.stringify(m.to).includes(user.email) && LINK.test(m.text ?? ''),
      count,
    );
  const tokenOf = (mail: ParsedMail) => LINK.exec(mail.text ?? '')![1];

  async function resetLink(user: TestUser): Promise<string> {
    await t.http.post(RESET).send({ email: user.email }).expect(202);
    return tokenOf((await mailTo(user))[0]);
  }

  describe('asking for a link', () => {
    it('answers 202 and e-mails a one-time link in the account’s language, text and HTML', async () => {
      const user = await signup(t.http, { language: 'ru', displayName: 'Ольга' });
      const res = await t.http.post(RESET).send({ email: user.email.toUpperCase() }).expect(202);
      expect(res.text).toBe('');
      const [mail] = await mailTo(user);
      expect(mail.subject).toBe('Сброс пароля Fan Events');
      expect(mail.text).toContain('Ольга');
      expect(mail.text).toContain('60 минут');
      const token = tokenOf(mail);
      expect(token).toMatch(/^[\w-]{43}$/);
      expect(mail.html).toContain(`href="${PUBLIC_URL}/reset-password?token=${token}"`);
    });

    it('stores only a hash of the token, and drops the link from the outbox once sent', async () => {
      const user = await signup(t.http);
      const token = await resetLink(user);
      const rows = await t.db.query<{ token_hash: string; expires_at: Date; created_at: Date }[]>(
        'SELECT token_hash, expires_at, created_at FROM password_resets',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(rows[0].expires_at.getTime() - rows[0].created_at.getTime()).toBe(60 * 60_000);
      // Nowhere in the database in clear, the outbox included (once the e-mail is out).
      for (let i = 0; i < 100; i++) {
        const dump = JSON.stringify(await snapshotWithOutboxData());
        if (!dump.includes(token)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(JSON.stringify(await snapshotWithOutboxData())).not.toContain(token);
    });

    async function snapshotWithOutboxData() {
      return {
        ...(await snapshot(t.db)),
        outbox: await t.db.query<unknown[]>(`SELECT data, status FROM mail_outbox`),
      };
    }

    it('answers an unknown or deleted address the same way, and sends nothing', async () => {
      const user = await signup(t.http);
      const gone = await signup(t.http);
      await t.http.delete('/api/v1/me').set(bearer(gone)).expect(204);
      const before = await snapshot(t.db);
      for (const email of ['nobody@example.com', gone.email]) {
        const res = await t.http.post(RESET).send({ email }).expect(202);
        expect(res.text).toBe('');
      }
      expect(await snapshot(t.db)).toEqual(before);
      // The known address, asked last, is the only e-mail.
      await t.http.post(RESET).send({ email: user.email }).expect(202);
      await mailTo(user);
      expect(t.smtp.messages.filter((m) => LINK.test(m.text ?? ''))).toHaveLength(1);
    });

    it('sends at most five links an hour to one account', async () => {
      const user = await signup(t.http);
      for (let i = 0; i < 7; i++) await t.http.post(RESET).send({ email: user.email }).expect(202);
      await mailTo(user, 5);
      const [{ n }] = await t.db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM password_resets',
      );
      expect(n).toBe(5);
    });

    it.each([[{}], [{ email: 'not-an-email' }], [{ email: 'a@example.com', extra: true }]])(
      'refuses a bad body %j with 400',
      async (body) => {
        await t.http.post(RESET).send(body).expect(400);
      },
    );
  });

  describe('choosing the new password', () => {
    it('works once with the link; the new password signs in, the old one no longer does', async () => {
      const user = await signup(t.http);
      const token = await resetLink(user);
      await t.http.post(CONFIRM).send({ token, password: NEW_PASSWORD }).expect(204);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: OLD_PASSWORD })
        .expect(401);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: NEW_PASSWORD })
        .expect(200);
      const again = await t.http
        .post(CONFIRM)
        .send({ token, password: 'yet another passphrase' })
        .expect(400);
      expect(again.body.message).toMatch(/expired, used or unknown/);
    });

    it('ends every session and token issued before, Bearer and cookie, the hot path included', async () => {
      const group = await createGroup(t.http);
      const event = await createEvent(t.http, group.organizer, group.id);
      const user = group.member;
      const browser = await webLogin(t.http, user.email);
      const token = await resetLink(user);
      await t.http.post(CONFIRM).send({ token, password: NEW_PASSWORD }).expect(204);

      await t.http.get('/api/v1/me').set(bearer(user)).expect(401);
      const cookieRes = await t.http.get('/api/v1/me').set('Cookie', browser.cookie).expect(401);
      // The dead cookie is cleared, so the web app shows the sign-in.
      expect(setCookies(cookieRes).fe_session.value).toBe('');
      // The registration statement checks the session itself: nothing is created.
      const before = await snapshot(t.db);
      await t.http
        .post(`/api/v1/events/${event.id}/registrations`)
        .set(bearer(user))
        .send({})
        .expect(401);
      await t.http
        .post(`/api/v1/events/${event.id}/registrations`)
        .set(bearer(user))
        .set('Idempotency-Key', 'after-reset')
        .send({})
        .expect(401);
      await t.http
        .post(`/api/v1/events/${event.id}/registrations`)
        .set('Cookie', browser.cookie)
        .set(WEB)
        .send({})
        .expect(401);
      expect(await snapshot(t.db)).toEqual(before);

      // A sign-in right after the reset (same second included) works, on every path.
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: NEW_PASSWORD })
        .expect(200);
      const fresh = { token: login.body.accessToken as string };
      await t.http.get('/api/v1/me').set(bearer(fresh)).expect(200);
      await t.http
        .post(`/api/v1/events/${event.id}/registrations`)
        .set(bearer(fresh))
        .send({})
        .expect(201);
      // Other accounts are untouched.
      await t.http.get('/api/v1/me').set(bearer(group.organizer)).expect(200);
    });

    it('ends the door staff’s older tokens on the check-in statements too', async () => {
      const group = await createGroup(t.http);
      const event = await createEvent(t.http, group.organizer, group.id);
      const reg = await t.http
        .post(`/api/v1/events/${event.id}/registrations`)
        .set(bearer(group.member))
        .send({})
        .expect(201);
      const token = await resetLink(group.volunteer);
      await t.http.post(CONFIRM).send({ token, password: NEW_PASSWORD }).expect(204);
      const before = await snapshot(t.db);
      await t.http
        .post(`/api/v1/events/${event.id}/check-ins`)
        .set(bearer(group.volunteer))
        .send({ code: reg.body.checkInCode })
        .expect(401);
      await t.http
        .post(`/api/v1/registrations/${reg.body.id}/check-in`)
        .set(bearer(group.volunteer))
        .expect(401);
      expect(await snapshot(t.db)).toEqual(before);
    });

    it('voids the account’s other outstanding links', async () => {
      const user = await signup(t.http);
      await t.http.post(RESET).send({ email: user.email }).expect(202);
      await t.http.post(RESET).send({ email: user.email }).expect(202);
      const [first, second] = (await mailTo(user, 2)).map(tokenOf);
      await t.http.post(CONFIRM).send({ token: second, password: NEW_PASSWORD }).expect(204);
      await t.http.post(CONFIRM).send({ token: first, password: 'other passphrase!' }).expect(400);
    });

    it('refuses an expired link with 400 and changes nothing', async () => {
      const user = await signup(t.http);
      const token = await resetLink(user);
      await t.db.query(
        `UPDATE password_resets SET created_at = now() - interval '61 minutes',
                expires_at = now() - interval '1 minute'`,
      );
      const before = await snapshot(t.db);
      await t.http.post(CONFIRM).send({ token, password: NEW_PASSWORD }).expect(400);
      expect(await snapshot(t.db)).toEqual(before);
      await t.http.get('/api/v1/me').set(bearer(user)).expect(200);
    });

    it.each([
      ['an unknown token', { token: 'A'.repeat(43), password: NEW_PASSWORD }],
      ['a malformed token', { token: 'not a token!', password: NEW_PASSWORD }],
      ['a password under 10 characters', { token: 'VALID', password: 'short' }],
      ['no password', { token: 'VALID' }],
      ['an unknown field', { token: 'VALID', password: NEW_PASSWORD, email: 'x@example.com' }],
    ])('refuses %s with 400 and changes nothing', async (_what, body) => {
      const user = await signup(t.http);
      const token = await resetLink(user);
      const before = await snapshot(t.db);
      const sent = { ...body, ...(body.token === 'VALID' ? { token } : {}) };
      await t.http.post(CONFIRM).send(sent).expect(400);
      expect(await snapshot(t.db)).toEqual(before);
      // The link still works afterwards.
      await t.http.post(CONFIRM).send({ token, password: NEW_PASSWORD }).expect(204);
    });

    it('lets exactly one of many simultaneous uses of a link through', async () => {
      const user = await signup(t.http);
      const token = await resetLink(user);
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          t.http.post(CONFIRM).send({ token, password: `passphrase number ${i}` }),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([204, 400, 400, 400, 400, 400, 400, 400]);
      const winner = answers.findIndex((r) => r.status === 204);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: `passphrase number ${winner}` })
        .expect(200);
      const [{ v }] = await t.db.query<{ v: number }[]>(
        'SELECT session_version AS v FROM users WHERE id = $1',
        [user.id],
      );
      expect(v).toBe(1);
    });
  });

  describe('session versions in tokens', () => {
    const forged = (sub: string, extra: Record<string, unknown>) => ({
      token: forgeToken(
        {
          sub,
          iat: Math.floor(Date.now() / 1000),
          exp: Math.floor(Date.now() / 1000) + 600,
          ...extra,
        },
        process.env.JWT_SECRET!,
      ),
    });

    it('accepts a token without a version (issued before versions) until the first reset', async () => {
      const user = await signup(t.http);
      const legacy = forged(user.id, {});
      await t.http.get('/api/v1/me').set(bearer(legacy)).expect(200);
      const token = await resetLink(user);
      await t.http.post(CONFIRM).send({ token, password: NEW_PASSWORD }).expect(204);
      await t.http.get('/api/v1/me').set(bearer(legacy)).expect(401);
    });

    it.each([
      ['a later version than the account’s', { sv: 1 }],
      ['a version that is not a number', { sv: '0' }],
      ['a negative version', { sv: -1 }],
    ])('refuses %s with 401', async (_what, claims) => {
      const user = await signup(t.http);
      await t.http
        .get('/api/v1/me')
        .set(bearer(forged(user.id, claims)))
        .expect(401);
    });
  });

  describe('privacy', () => {
    it('exports the links sent (never a token) and erases them with the account', async () => {
      const user = await signup(t.http);
      const token = await resetLink(user);
      const exported = await t.http.get('/api/v1/me/export').set(bearer(user)).expect(200);
      expect(exported.body.passwordResets).toEqual([
        { requestedAt: expect.any(String), expiresAt: expect.any(String), usedAt: null },
      ]);
      expect(exported.text).not.toContain(token);
      expect(exported.text).not.toContain(createHash('sha256').update(token).digest('hex'));
      await t.http.delete('/api/v1/me').set(bearer(user)).expect(204);
      const rows = await t.db.query<unknown[]>('SELECT 1 FROM password_resets');
      expect(rows).toHaveLength(0);
      await t.http.post(CONFIRM).send({ token, password: NEW_PASSWORD }).expect(400);
    });
  });
});

describe('password reset rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Its own counters: the file's other app already spent this minute's budget.
    t = await startTestApp({
      AUTH_RATE_LIMIT: '3',
      REDIS_PREFIX: `fanevents-test-${randomBytes(4).toString('hex')}`,
    });
    await truncateAll(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts the reset routes with the other /auth routes, per IP (429 with Retry-After)', async () => {
    const email = 'someone@example.com';
    await t.http.post(RESET).send({ email }).expect(202);
    await t.http
      .post(CONFIRM)
      .send({ token: 'A'.repeat(43), password: NEW_PASSWORD })
      .expect(400);
    await t.http.post('/api/v1/auth/login').send({ email, password: OLD_PASSWORD }).expect(401);
    const limited = await t.http.post(RESET).send({ email }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http
      .post(CONFIRM)
      .send({ token: 'A'.repeat(43), password: NEW_PASSWORD })
      .expect(429);
  });
});
