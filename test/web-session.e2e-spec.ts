import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { bearer, createGroup, signup, type TestGroup } from './factories/index.js';
import { snapshot } from './utils/db-snapshot.js';
import { createEvent } from './utils/events.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';
import { sessionFrom, setCookies, WEB, webLogin } from './utils/web-session.js';

const PASSWORD = 'correct horse battery';
const TTL = '43200';

describe('browser sign-in by cookie', () => {
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

  describe('signing in', () => {
    it('sets an HttpOnly SameSite=Lax session cookie and a readable fe_user for the web app', async () => {
      const user = await signup(t.http, { displayName: 'Сакура 佐藤', language: 'kk' });
      const res = await t.http
        .post('/api/v1/auth/login')
        .set(WEB)
        .send({ email: user.email, password: PASSWORD })
        .expect(200);
      const cookies = setCookies(res);
      expect(cookies.fe_session.value).toBe(res.body.accessToken);
      expect(cookies.fe_session.attributes).toEqual({
        'max-age': TTL,
        path: '/',
        httponly: true,
        samesite: 'Lax',
      });
      // Readable by the page, and carries no token.
      expect(cookies.fe_user.attributes).toEqual({ 'max-age': TTL, path: '/', samesite: 'Lax' });
      const decoded = JSON.parse(Buffer.from(cookies.fe_user.value, 'base64url').toString('utf8'));
      expect(decoded).toEqual({ id: user.id, displayName: 'Сакура 佐藤', language: 'kk' });
      expect(cookies.fe_user.value).not.toContain(res.body.accessToken.split('.')[1]);
    });

    it('sets the same cookies on sign-up from the web app', async () => {
      const res = await t.http
        .post('/api/v1/auth/signup')
        .set(WEB)
        .send({
          email: `web-${randomBytes(3).toString('hex')}@example.com`,
          password: PASSWORD,
          displayName: 'Web fan',
          country: 'JP',
          language: 'en',
        })
        .expect(201);
      const session = sessionFrom(res);
      expect(session.session).toBe(res.body.accessToken);
      expect(session.user).toEqual({
        id: res.body.user.id,
        displayName: 'Web fan',
        language: 'en',
      });
    });

    it('sets no cookie for an API client (no header): the token stays in the body', async () => {
      const user = await signup(t.http);
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('X-Requested-With', 'XMLHttpRequest')
        .send({ email: user.email, password: PASSWORD })
        .expect(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(typeof res.body.accessToken).toBe('string');
    });

    it('sets no cookie on a failed sign-in', async () => {
      const user = await signup(t.http);
      const res = await t.http
        .post('/api/v1/auth/login')
        .set(WEB)
        .send({ email: user.email, password: 'wrong password!' })
        .expect(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('marks the cookies Secure in production', async () => {
      const prod = await startTestApp({ NODE_ENV: 'production' });
      try {
        const user = await signup(prod.http);
        const res = await prod.http
          .post('/api/v1/auth/login')
          .set(WEB)
          .send({ email: user.email, password: PASSWORD })
          .expect(200);
        const cookies = setCookies(res);
        expect(cookies.fe_session.attributes.secure).toBe(true);
        expect(cookies.fe_session.attributes.httponly).toBe(true);
        expect(cookies.fe_user.attributes.secure).toBe(true);
      } finally {
        await prod.close();
      }
    });
  });

  describe('using the session', () => {
    let group: TestGroup;
    let eventId: string;
    beforeEach(async () => {
      group = await createGroup(t.http);
      eventId = (await createEvent(t.http, group.organizer, group.id)).id;
    });

    it('reads with the cookie alone (GET needs no header)', async () => {
      const s = await webLogin(t.http, group.member.email);
      const res = await t.http.get('/api/v1/me').set('Cookie', s.cookie).expect(200);
      expect(res.body.id).toBe(group.member.id);
    });

    it('changes with the cookie and the header, and refreshes fe_user after PATCH /me', async () => {
      const s = await webLogin(t.http, group.member.email);
      const res = await t.http
        .patch('/api/v1/me')
        .set('Cookie', s.cookie)
        .set(WEB)
        .send({ displayName: 'Әсел', language: 'ru' })
        .expect(200);
      const user = setCookies(res).fe_user;
      expect(JSON.parse(Buffer.from(user.value, 'base64url').toString('utf8'))).toEqual({
        id: group.member.id,
        displayName: 'Әсел',
        language: 'ru',
      });
      // The session cookie itself is left alone.
      expect(setCookies(res).fe_session).toBeUndefined();
    });

    it('does not touch cookies when an API client updates the profile', async () => {
      const res = await t.http
        .patch('/api/v1/me')
        .set(bearer(group.member))
        .send({ displayName: 'API' })
        .expect(200);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('registers on the hot path with the cookie and the header', async () => {
      const s = await webLogin(t.http, group.member.email);
      const res = await t.http
        .post(`/api/v1/events/${eventId}/registrations`)
        .set('Cookie', s.cookie)
        .set(WEB)
        .send({})
        .expect(201);
      expect(res.body).toMatchObject({ userId: group.member.id, status: 'confirmed' });
    });

    it('keeps Bearer working without the header, even next to a cookie', async () => {
      const s = await webLogin(t.http, group.volunteer.email);
      const res = await t.http
        .post(`/api/v1/events/${eventId}/registrations`)
        .set(bearer(group.member))
        .set('Cookie', s.cookie)
        .send({})
        .expect(201);
      // Bearer wins: the registration is the Bearer token's user's.
      expect(res.body.userId).toBe(group.member.id);
    });
  });

  describe('CSRF: a cookie without the header changes nothing', () => {
    let group: TestGroup;
    let eventId: string;
    beforeEach(async () => {
      group = await createGroup(t.http);
      eventId = (await createEvent(t.http, group.organizer, group.id)).id;
    });

    const cases: [string, (g: TestGroup, eventId: string) => [string, string, object]][] = [
      ['PATCH /me', () => ['patch', '/api/v1/me', { displayName: 'Hacked' }]],
      [
        'POST /events/:eventId/registrations (hot path)',
        (_g, e) => ['post', `/api/v1/events/${e}/registrations`, {}],
      ],
      ['POST /fan-groups', () => ['post', '/api/v1/fan-groups', { name: 'Forged fans' }]],
      ['PATCH /events/:eventId', (_g, e) => ['patch', `/api/v1/events/${e}`, { capacity: 1 }]],
      ['POST /events/:eventId/cancel', (_g, e) => ['post', `/api/v1/events/${e}/cancel`, {}]],
      [
        'DELETE /fan-groups/:groupId/members/:userId',
        (g) => ['delete', `/api/v1/fan-groups/${g.id}/members/${g.member.id}`, {}],
      ],
      ['DELETE /me', () => ['delete', '/api/v1/me', {}]],
      ['POST /auth/logout', () => ['post', '/api/v1/auth/logout', {}]],
    ];

    it.each(cases)('%s: 403 code CSRF, database unchanged', async (_name, make) => {
      const s = await webLogin(t.http, group.organizer.email);
      const [method, path, body] = make(group, eventId);
      const before = await snapshot(t.db);
      const req = t.http[method as 'post'](path).set('Cookie', s.cookie);
      const res = Object.keys(body).length > 0 ? await req.send(body) : await req;
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        code: 'CSRF',
        message: expect.stringContaining('X-Requested-With: fanevents-web'),
      });
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await snapshot(t.db)).toEqual(before);
    });

    it('refuses another value of the header', async () => {
      const s = await webLogin(t.http, group.member.email);
      const before = await snapshot(t.db);
      await t.http
        .post(`/api/v1/events/${eventId}/registrations`)
        .set('Cookie', s.cookie)
        .set('X-Requested-With', 'XMLHttpRequest')
        .send({})
        .expect(403);
      expect(await snapshot(t.db)).toEqual(before);
    });

    it.each([
      ['application/x-www-form-urlencoded', 'note=forged'],
      [
        'multipart/form-data; boundary=XyZ',
        '--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nforged\r\n--XyZ--\r\n',
      ],
      ['text/plain', '{"note":"forged"}'],
    ])('refuses a cross-site form post (%s) and changes nothing', async (type, payload) => {
      const s = await webLogin(t.http, group.member.email);
      const before = await snapshot(t.db);
      for (const path of [
        `/api/v1/events/${eventId}/registrations`,
        '/api/v1/fan-groups',
        '/api/v1/auth/logout',
        `/api/v1/events/${eventId}/cancel`,
      ]) {
        const res = await t.http
          .post(path)
          .set('Cookie', s.cookie)
          .set('Origin', 'https://evil.example')
          .set('Content-Type', type)
          .send(payload);
        // A form can only send these types: the API accepts JSON alone (415), and would refuse
        // the cookie without our header anyway (403).
        expect({ path, status: res.status }).toEqual({ path, status: 415 });
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect(await snapshot(t.db)).toEqual(before);
    });

    it('treats a cookie without the header as anonymous on a public route', async () => {
      const s = await webLogin(t.http, group.member.email);
      // A public route that acts on the caller when signed in would act for nobody here.
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('Cookie', s.cookie)
        .send({ email: group.volunteer.email, password: PASSWORD })
        .expect(200);
      expect(res.body.user.id).toBe(group.volunteer.id);
      expect(res.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('signing out', () => {
    it('clears both cookies', async () => {
      const user = await signup(t.http);
      const s = await webLogin(t.http, user.email);
      const res = await t.http
        .post('/api/v1/auth/logout')
        .set('Cookie', s.cookie)
        .set(WEB)
        .expect(204);
      const cookies = setCookies(res);
      for (const name of ['fe_session', 'fe_user']) {
        expect(cookies[name].value).toBe('');
        expect(cookies[name].attributes.path).toBe('/');
        expect(Date.parse(cookies[name].attributes.expires as string)).toBeLessThan(Date.now());
      }
    });

    it('is 401 without a session', async () => {
      await t.http.post('/api/v1/auth/logout').set(WEB).expect(401);
    });

    it('answers 204 to a Bearer client too (nothing to clear but the cookies)', async () => {
      const user = await signup(t.http);
      await t.http.post('/api/v1/auth/logout').set(bearer(user)).expect(204);
    });

    it('clears a session cookie that no longer works, and answers 401', async () => {
      const res = await t.http
        .get('/api/v1/me')
        .set('Cookie', 'fe_session=not.a.jwt; fe_user=e30')
        .expect(401);
      const cookies = setCookies(res);
      expect(cookies.fe_session.value).toBe('');
      expect(cookies.fe_user.value).toBe('');
    });

    it('reads a public route anonymously with a dead cookie, and clears it', async () => {
      const res = await t.http
        .get('/api/v1/events')
        .set('Cookie', 'fe_session=not.a.jwt')
        .expect(200);
      expect(setCookies(res).fe_session.value).toBe('');
    });
  });
});
