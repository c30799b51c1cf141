import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { RetentionService } from '../src/privacy/retention.service.js';
import { bearer, createGroup, type TestGroup, type TestUser } from './factories/index.js';
import { createEvent, type Json, register } from './utils/events.js';
import { memberSpeaking } from './utils/hosting.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

const EVENT = {
  startsAt: '2027-06-26T13:00:00.000Z',
  endsAt: '2027-06-26T17:00:00.000Z',
  timezone: 'Asia/Almaty',
  capacity: 50,
};

describe('arrivals', () => {
  let t: TestApp;
  let group: TestGroup;
  let eventId: string;

  const api = (path: string) => `/api/v1${path}`;
  const arrive = (at: string, extra: Record<string, unknown> = {}) => ({
    arrival: { at, by: 'plane', from: 'Tokyo', reference: 'KC 922', place: 'NQZ', ...extra },
  });
  /** A fan speaking `languages` registers with this arrival; returns the registration id. */
  const fan = async (languages: string[], body: object): Promise<[TestUser, string]> => {
    const user = await memberSpeaking(t.http, group, languages);
    const res = await register(t.http, user, eventId, body);
    expect([res.status, res.body.message]).toEqual([201, undefined]);
    return [user, res.body.id as string];
  };
  /** The local hour of an instant in the event's zone, as Postgres computes it. */
  const localHour = async (at: string) => {
    const [row] = await t.db.query(
      `SELECT to_char($1::timestamptz AT TIME ZONE 'Asia/Almaty', 'YYYY-MM-DD HH24') AS h`,
      [at],
    );
    const [date, hour] = (row.h as string).split(' ');
    return { localDate: date, localTime: `${hour}:00` };
  };
  const board = (who: TestUser, query = '') =>
    t.http.get(api(`/events/${eventId}/arrivals${query}`)).set(bearer(who));

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    group = await createGroup(t.http);
    eventId = (await createEvent(t.http, group.organizer, group.id, EVENT)).id;
  });

  it('stores the arrival given with a registration, and refuses a bad one with 400 and no registration', async () => {
    const [user, regId] = await fan(['ja'], arrive('2027-06-25T18:40:00+05:00'));
    const [row] = await t.db.query(
      `SELECT at, mode, origin, reference, place FROM registration_arrivals WHERE registration_id = $1`,
      [regId],
    );
    expect(row).toEqual({
      at: new Date('2027-06-25T13:40:00.000Z'),
      mode: 'plane',
      origin: 'Tokyo',
      reference: 'KC 922',
      place: 'NQZ',
    });
    const other = await memberSpeaking(t.http, group, ['en']);
    for (const arrival of [
      { at: '2027-06-25T18:40:00', by: 'plane' },
      { at: 'tomorrow', by: 'plane' },
      { at: '2027-06-25T18:40:00Z', by: 'boat' },
      { at: '2027-06-25T18:40:00Z' },
      { at: '2027-06-25T18:40:00Z', by: 'plane', gate: 3 },
      { at: '2027-06-25T18:40:00Z', by: 'plane', reference: 'X'.repeat(21) },
      'NQZ',
    ]) {
      const res = await register(t.http, other, eventId, { arrival });
      expect([JSON.stringify(arrival), res.status]).toEqual([JSON.stringify(arrival), 400]);
    }
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM registrations WHERE user_id = $1`,
      [other.id],
    );
    expect(n).toBe(0);
    // The owner may change or drop it later; nobody else may.
    const changed = await t.http
      .put(api(`/registrations/${regId}/arrival`))
      .set(bearer(user))
      .send({ at: '2027-06-25T20:05:00Z', by: 'train', place: 'Astana-1' })
      .expect(200);
    expect(changed.body).toEqual({
      registrationId: regId,
      eventId,
      at: '2027-06-25T20:05:00.000Z',
      by: 'train',
      from: null,
      reference: null,
      place: 'Astana-1',
    });
    await t.http
      .put(api(`/registrations/${regId}/arrival`))
      .set(bearer(other))
      .send({ at: '2027-06-25T20:05:00Z', by: 'train' })
      .expect(404);
    await t.http
      .delete(api(`/registrations/${regId}/arrival`))
      .set(bearer(other))
      .expect(404);
    await t.http
      .delete(api(`/registrations/${regId}/arrival`))
      .set(bearer(user))
      .expect(204);
    const [{ left }] = await t.db.query(`SELECT count(*)::int AS left FROM registration_arrivals`);
    expect(left).toBe(0);
  });

  it('counts arrivals per hour and place in the event’s time zone, with the fans’ languages', async () => {
    await fan(['ja', 'en'], arrive('2027-06-25T13:10:00Z'));
    await fan(['ja'], arrive('2027-06-25T13:40:00Z'));
    await fan(['zh'], arrive('2027-06-25T13:59:59Z', { place: 'nqz' }));
    await fan(['de'], arrive('2027-06-25T14:05:00Z'));
    await fan(['ru'], arrive('2027-06-25T13:20:00Z', { by: 'train', place: 'Astana-1' }));
    // 23:30 UTC is already the next morning in Almaty.
    await fan(['en'], arrive('2027-06-25T23:30:00Z'));
    await fan([], arrive('2027-06-25T15:00:00Z', { place: undefined }));
    // A cancelled registration's arrival no longer counts.
    const [, cancelled] = await fan(['ko'], arrive('2027-06-25T13:30:00Z'));
    await t.http
      .post(api(`/registrations/${cancelled}/cancel`))
      .set(bearer(group.organizer))
      .expect(200);

    const res = await board(group.volunteer).expect(200);
    expect(res.body).toMatchObject({ eventId, timezone: 'Asia/Almaty', bucket: 'hour', total: 7 });
    const h13 = await localHour('2027-06-25T13:10:00Z');
    const h14 = await localHour('2027-06-25T14:05:00Z');
    const h15 = await localHour('2027-06-25T15:00:00Z');
    const late = await localHour('2027-06-25T23:30:00Z');
    expect(late.localDate).toBe('2027-06-26');
    expect(
      res.body.items.map((b: Json) => [b.localDate, b.localTime, b.place, b.arrivals]),
    ).toEqual([
      [h13.localDate, h13.localTime, 'Astana-1', 1],
      [h13.localDate, h13.localTime, 'NQZ', 3],
      [h14.localDate, h14.localTime, 'NQZ', 1],
      [h15.localDate, h15.localTime, null, 1],
      [late.localDate, late.localTime, 'NQZ', 1],
    ]);
    const nqz = res.body.items[1];
    expect(nqz.languages).toEqual([
      { language: 'ja', count: 2 },
      { language: 'en', count: 1 },
      { language: 'zh', count: 1 },
    ]);
    expect(new Date(nqz.end).getTime() - new Date(nqz.start).getTime()).toBe(3600_000);
    expect(new Date(nqz.start).getTime()).toBeLessThanOrEqual(Date.parse('2027-06-25T13:10:00Z'));

    const days = await board(group.organizer, '?bucket=day').expect(200);
    expect(days.body.items.map((b: Json) => [b.localDate, b.place, b.arrivals])).toEqual([
      ['2027-06-25', 'Astana-1', 1],
      ['2027-06-25', 'NQZ', 4],
      ['2027-06-25', null, 1],
      ['2027-06-26', 'NQZ', 1],
    ]);
    await board(group.organizer, '?bucket=week').expect(400);
    await board(group.member).expect(403);
    // No arrival details leave the board: no names, no flight numbers.
    expect(JSON.stringify(res.body)).not.toContain('KC 922');
  });

  it('creates one welcome task per busy hour, once, however often it runs', async () => {
    await fan(['ja'], arrive('2027-06-25T13:10:00Z'));
    await fan(['ja', 'en'], arrive('2027-06-25T13:40:00Z'));
    await fan(['en'], arrive('2027-06-25T16:10:00Z'));
    const post = (body: object, who: TestUser = group.organizer) =>
      t.http
        .post(api(`/events/${eventId}/arrivals/welcome-tasks`))
        .set(bearer(who))
        .send(body);
    const body = { place: 'nqz', minArrivals: 2, volunteersPerTask: 2 };

    const first = await post(body).expect(201);
    const h13 = await localHour('2027-06-25T13:10:00Z');
    const next = `${String((Number(h13.localTime.slice(0, 2)) + 1) % 24).padStart(2, '0')}:00`;
    expect(first.body).toMatchObject({
      created: 1,
      tasks: [{ title: `Welcome at NQZ, ${h13.localTime}–${next}`, arrivals: 2, created: true }],
    });
    const again = await Promise.all([post(body), post(body)]);
    for (const r of again) {
      expect(r.status).toBe(201);
      expect(r.body.created).toBe(0);
      expect(r.body.tasks.map((x: Json) => x.taskId)).toEqual([first.body.tasks[0].taskId]);
    }
    // Another hour gets busy: only it is added.
    await fan(['de'], arrive('2027-06-25T16:50:00Z'));
    const third = await post(body).expect(201);
    expect(third.body.created).toBe(1);
    expect(third.body.tasks.map((x: Json) => x.created)).toEqual([false, true]);

    const tasks = await t.http
      .get(api(`/events/${eventId}/tasks`))
      .set(bearer(group.organizer))
      .expect(200);
    expect(tasks.body.total).toBe(2);
    expect(tasks.body.items[0]).toMatchObject({
      title: `Welcome at NQZ, ${h13.localTime}–${next}`,
      location: 'NQZ',
      volunteersNeeded: 2,
      status: 'open',
      startsAt: first.body.tasks[0].startsAt,
    });
    expect(tasks.body.items[0].description).toContain('ja ×2');
    // Volunteers read it in their own language.
    const inRussian = await t.http
      .get(api(`/events/${eventId}/tasks?lang=ru`))
      .set(bearer(group.volunteer))
      .expect(200);
    expect(inRussian.body.items[0].title).toBe(`Встреча в NQZ, ${h13.localTime}–${next}`);

    await post(body, group.volunteer).expect(403);
    for (const bad of [
      { ...body, minArrivals: 0 },
      { ...body, volunteersPerTask: '2' },
      { ...body, place: '' },
      { minArrivals: 1, volunteersPerTask: 1 },
    ]) {
      await post(bad).expect(400);
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM volunteer_tasks`);
    expect(n).toBe(2);
  });

  it('exports the arrival, deletes it with the account and erases it RETENTION_DAYS after the event', async () => {
    const [user] = await fan(['ja'], arrive('2027-06-25T13:10:00Z'));
    const [leaver] = await fan(['en'], arrive('2027-06-25T14:10:00Z'));
    const exported = await t.http.get(api('/me/export')).set(bearer(user)).expect(200);
    expect(exported.body.registrations[0].arrival).toMatchObject({
      at: '2027-06-25T13:10:00.000Z',
      by: 'plane',
      from: 'Tokyo',
      reference: 'KC 922',
      place: 'NQZ',
    });
    await t.http.delete(api('/me')).set(bearer(leaver)).expect(204);
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM registration_arrivals`))[0].n as number;
    expect(await count()).toBe(1);

    const retention = t.app.get(RetentionService);
    const end = Date.parse(EVENT.endsAt);
    expect((await retention.run(new Date(end + 29 * 86_400_000)))?.arrivals).toBe(0);
    expect(await count()).toBe(1);
    expect((await retention.run(new Date(end + 31 * 86_400_000)))?.arrivals).toBe(1);
    expect(await count()).toBe(0);
    const after = await t.http.get(api('/me/export')).set(bearer(user)).expect(200);
    expect(after.body.registrations[0].arrival).toBeNull();
    const res = await board(group.organizer).expect(200);
    expect(res.body).toMatchObject({ total: 0, items: [] });
  });
});
