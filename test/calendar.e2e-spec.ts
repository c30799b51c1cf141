import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { bearer, createGroup, signup, type TestGroup } from './factories/index.js';
import { snapshot } from './utils/db-snapshot.js';
import { createEvent, register } from './utils/events.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';
import { WEB, webLogin } from './utils/web-session.js';

const PUBLIC_URL = 'https://fans.example';
const FEED_URL = /^https:\/\/fans\.example\/api\/v1\/calendar\/([\w-]{43})\.ics$/;

interface Entry {
  uid: string;
  summary: string;
  start: Date;
  end: Date;
  /** The start's wall-clock time in the given zone, "HH:MM". */
  localStart: (zone: string) => string;
  description: string;
  location: string | null;
  status: string | null;
}

/** Parses an iCalendar document with ical.js (an independent RFC 5545 parser). */
function parseIcs(text: string): { calendar: ICAL.Component; entries: Entry[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const entries = calendar.getAllSubcomponents('vevent').map((v): Entry => {
    const event = new ICAL.Event(v);
    const start = event.startDate.toJSDate();
    return {
      uid: event.uid,
      summary: event.summary,
      start,
      end: event.endDate.toJSDate(),
      localStart: (zone) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: zone,
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(start),
      description: event.description,
      location: event.location ?? null,
      status: (v.getFirstPropertyValue('status') as string | null) ?? null,
    };
  });
  return { calendar, entries };
}

describe('calendars', () => {
  let t: TestApp;
  let group: TestGroup;
  let eventId: string;
  let taskId: string;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    group = await createGroup(t.http);
    // 26 June 2026, 18:00–22:00 in Astana (UTC+5).
    eventId = (await createEvent(t.http, group.organizer, group.id, { capacity: 1 })).id;
    const task = await t.http
      .post(`/api/v1/events/${eventId}/tasks`)
      .set(bearer(group.organizer))
      .send({
        title: 'Welcome guests at gate 3',
        location: 'Gate 3',
        startsAt: '2026-06-26T04:00:00Z',
        endsAt: '2026-06-26T06:30:00Z',
        volunteersNeeded: 2,
      })
      .expect(201);
    taskId = task.body.id;
    await t.http
      .post(`/api/v1/tasks/${taskId}/assignments`)
      .set(bearer(group.organizer))
      .send({ userId: group.volunteer.id })
      .expect(201);
  });

  const feedPath = (url: string) => url.slice(PUBLIC_URL.length);

  async function feedOf(user: { token: string }) {
    const res = await t.http.get('/api/v1/me/calendar-feed').set(bearer(user)).expect(200);
    return res.body as { url: string; webcalUrl: string };
  }

  describe('the private feed', () => {
    it('gives a stable private address, as https and webcal', async () => {
      const first = await feedOf(group.volunteer);
      expect(first.url).toMatch(FEED_URL);
      expect(first.webcalUrl).toBe(first.url.replace('https:', 'webcal:'));
      expect(await feedOf(group.volunteer)).toEqual(first);
      // Another user's address is another one.
      expect((await feedOf(group.member)).url).not.toBe(first.url);
    });

    it('serves the volunteer’s task as RFC 5545 at its local time in the event’s zone', async () => {
      const { url } = await feedOf(group.volunteer);
      const res = await t.http.get(feedPath(url)).expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, max-age=300');
      const { calendar, entries } = parseIcs(res.text);
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Fan Events');
      expect(entries).toHaveLength(1);
      const [task] = entries;
      expect(task).toMatchObject({
        uid: `task-${taskId}@fanevents`,
        summary: 'Welcome guests at gate 3',
        location: 'Gate 3',
        status: 'CONFIRMED',
      });
      expect(task.start.toISOString()).toBe('2026-06-26T04:00:00.000Z');
      expect(task.end.toISOString()).toBe('2026-06-26T06:30:00.000Z');
      // 09:00 in Astana: the instant is exact, and the description names the zone.
      expect(task.localStart('Asia/Almaty')).toBe('09:00');
      expect(task.description).toContain('09:00 (Asia/Almaty)');
      expect(task.description).toContain('World Fan Groups PreParty');
    });

    it('lists confirmed registrations, not waitlisted or cancelled ones, in the reader’s language', async () => {
      const kk = await signup(t.http, { language: 'kk' });
      const confirmed = await register(t.http, kk, eventId).expect(201);
      expect(confirmed.body.status).toBe('confirmed');
      const waitlisted = await register(t.http, group.member, eventId).expect(201);
      expect(waitlisted.body.status).toBe('waitlisted');

      const { entries } = parseIcs((await t.http.get(feedPath((await feedOf(kk)).url))).text);
      expect(entries.map((e) => e.uid)).toEqual([`registration-${confirmed.body.id}@fanevents`]);
      expect(entries[0].summary).toBe('World Fan Groups PreParty');
      expect(entries[0].localStart('Asia/Almaty')).toBe('18:00');
      expect(entries[0].location).toBe('Barys Arena, Astana');
      expect(entries[0].description).toContain('маусым');
      expect(entries[0].description).toContain('18:00 (Asia/Almaty)');
      expect(entries[0].description).toContain(`${PUBLIC_URL}/events/${eventId}`);
      const waiting = parseIcs((await t.http.get(feedPath((await feedOf(group.member)).url))).text);
      expect(waiting.entries).toEqual([]);

      await t.http
        .post(`/api/v1/registrations/${confirmed.body.id}/cancel`)
        .set(bearer(kk))
        .expect(200);
      const after = parseIcs((await t.http.get(feedPath((await feedOf(kk)).url))).text);
      expect(after.entries).toEqual([]);
    });

    it('marks the entries of a cancelled event CANCELLED, so calendars update them', async () => {
      const { url } = await feedOf(group.volunteer);
      await t.http
        .post(`/api/v1/events/${eventId}/cancel`)
        .set(bearer(group.organizer))
        .expect(200);
      const { entries } = parseIcs((await t.http.get(feedPath(url))).text);
      expect(entries.map((e) => e.status)).toEqual(['CANCELLED']);
    });

    it('moves to a new address on rotation; the old one answers 404', async () => {
      const old = await feedOf(group.volunteer);
      const res = await t.http
        .post('/api/v1/me/calendar-feed/rotate')
        .set(bearer(group.volunteer))
        .expect(200);
      expect(res.body.url).toMatch(FEED_URL);
      expect(res.body.url).not.toBe(old.url);
      expect(res.body.webcalUrl).toBe(res.body.url.replace('https:', 'webcal:'));
      expect(await feedOf(group.volunteer)).toEqual(res.body);
      const gone = await t.http.get(feedPath(old.url)).expect(404);
      expect(gone.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      await t.http.get(feedPath(res.body.url)).expect(200);
    });

    it.each([
      ['an unknown token', `/api/v1/calendar/${'A'.repeat(43)}.ics`],
      ['a malformed token', '/api/v1/calendar/short.ics'],
      ['no .ics suffix', `/api/v1/calendar/${'A'.repeat(43)}`],
      ['a SQL-looking token', "/api/v1/calendar/'%20OR%201=1--.ics"],
    ])('answers 404 to %s', async (_what, path) => {
      const res = await t.http.get(path).expect(404);
      expect(res.body.statusCode).toBe(404);
    });

    it('answers 404 once the account is deleted, and exports the address before', async () => {
      const { url } = await feedOf(group.member);
      const exported = await t.http.get('/api/v1/me/export').set(bearer(group.member)).expect(200);
      expect(exported.body.calendarFeed).toEqual({
        url,
        webcalUrl: url.replace('https:', 'webcal:'),
      });
      await t.http.delete('/api/v1/me').set(bearer(group.member)).expect(204);
      await t.http.get(feedPath(url)).expect(404);
      const [row] = await t.db.query<{ calendar_token: string | null }[]>(
        'SELECT calendar_token FROM users WHERE id = $1',
        [group.member.id],
      );
      expect(row.calendar_token).toBeNull();
    });

    it('is for signed-in users only, and rotation by cookie needs the web header', async () => {
      await t.http.get('/api/v1/me/calendar-feed').expect(401);
      await t.http.post('/api/v1/me/calendar-feed/rotate').expect(401);
      const browser = await webLogin(t.http, group.volunteer.email);
      const { body } = await t.http
        .get('/api/v1/me/calendar-feed')
        .set('Cookie', browser.cookie)
        .expect(200);
      const before = await snapshot(t.db);
      const refused = await t.http
        .post('/api/v1/me/calendar-feed/rotate')
        .set('Cookie', browser.cookie)
        .expect(403);
      expect(refused.body.code).toBe('CSRF');
      expect(await snapshot(t.db)).toEqual(before);
      const rotated = await t.http
        .post('/api/v1/me/calendar-feed/rotate')
        .set('Cookie', browser.cookie)
        .set(WEB)
        .expect(200);
      expect(rotated.body.url).not.toBe(body.url);
    });
  });

  describe('a registration as an .ics download', () => {
    it('gives the owner the event, with the UID of the e-mailed invitation', async () => {
      const reg = await register(t.http, group.member, eventId).expect(201);
      const res = await t.http
        .get(`/api/v1/registrations/${reg.body.id}/calendar.ics`)
        .set(bearer(group.member))
        .expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="registration-${reg.body.id}.ics"`,
      );
      const { calendar, entries } = parseIcs(res.text);
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        uid: `registration-${reg.body.id}@fanevents`,
        summary: 'World Fan Groups PreParty',
        status: 'CONFIRMED',
      });
      expect(entries[0].start.toISOString()).toBe('2026-06-26T13:00:00.000Z');
      expect(entries[0].end.toISOString()).toBe('2026-06-26T17:00:00.000Z');
      expect(entries[0].localStart('Asia/Almaty')).toBe('18:00');
      // The invitation e-mailed at registration carries the same UID and times.
      const [mail] = await t.smtp.waitFor((m) =>
        (m.attachments ?? []).some((a) => a.content.toString().includes(reg.body.id)),
      );
      const invite = mail.attachments.find((a) => a.filename?.endsWith('.ics'))!;
      expect(parseIcs(invite.content.toString()).entries[0]).toMatchObject({
        uid: entries[0].uid,
        start: entries[0].start,
      });
    });

    it('marks a waitlisted registration TENTATIVE and a cancelled one CANCELLED', async () => {
      await register(t.http, group.volunteer, eventId).expect(201);
      const reg = await register(t.http, group.member, eventId).expect(201);
      expect(reg.body.status).toBe('waitlisted');
      const ics = () =>
        t.http
          .get(`/api/v1/registrations/${reg.body.id}/calendar.ics`)
          .set(bearer(group.member))
          .expect(200);
      expect(parseIcs((await ics()).text).entries[0].status).toBe('TENTATIVE');
      await t.http
        .post(`/api/v1/registrations/${reg.body.id}/cancel`)
        .set(bearer(group.member))
        .expect(200);
      expect(parseIcs((await ics()).text).entries[0].status).toBe('CANCELLED');
    });

    it('answers 404 to anyone but the owner, 401 anonymously, 400 to a malformed id', async () => {
      const reg = await register(t.http, group.member, eventId).expect(201);
      const path = `/api/v1/registrations/${reg.body.id}/calendar.ics`;
      for (const other of [group.organizer, group.volunteer, await signup(t.http)]) {
        await t.http.get(path).set(bearer(other)).expect(404);
      }
      await t.http.get(path).expect(401);
      await t.http
        .get('/api/v1/registrations/00000000-0000-4000-8000-000000000000/calendar.ics')
        .set(bearer(group.member))
        .expect(404);
      await t.http
        .get('/api/v1/registrations/not-a-uuid/calendar.ics')
        .set(bearer(group.member))
        .expect(400);
    });
  });
});
