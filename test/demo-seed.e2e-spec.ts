import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDemo } from '../src/seed/demo.js';
import { tableCounts } from './utils/fuzz.js';
import { startTestApp, truncateAll, type TestApp } from './utils/test-app.js';

describe('demo data (npm run seed:demo)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await truncateAll(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads the story, and a second run changes nothing', async () => {
    await seedDemo(t.db);
    const first = await tableCounts(t.db);
    expect(first).toMatchObject({
      fan_groups: 1,
      events: 1,
      help_requests: 3,
      volunteer_tasks: 5,
      hosting_offers: 2,
      host_matches: 1,
      registration_arrivals: 5,
      arrival_welcome_tasks: 1,
    });
    expect(first.registrations).toBeGreaterThanOrEqual(7);
    await seedDemo(t.db);
    const second = await tableCounts(t.db);
    // The in-process worker may send e-mails in between; the outbox keeps its row count.
    expect(second).toEqual(first);

    const countries = await t.db.query<{ country: string }[]>(
      `SELECT DISTINCT u.country FROM registrations r JOIN users u ON u.id = r.user_id`,
    );
    expect(countries.map((c) => c.country)).toEqual(
      expect.arrayContaining(['KZ', 'US', 'JP', 'CN', 'DE']),
    );
    const statuses = await t.db.query<{ status: string }[]>(
      `SELECT DISTINCT status FROM registrations`,
    );
    expect(statuses.map((s) => s.status).sort()).toEqual(['confirmed', 'waitlisted']);
  });

  it('lets the demo organizer log in and see the PreParty', async () => {
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'aigerim@dostar.kz', password: 'preparty-2026' })
      .expect(200);
    const events = await t.http.get('/api/v1/events').expect(200);
    expect(events.body.items[0]).toMatchObject({
      title: 'World Fan Groups PreParty',
      timezone: 'Asia/Almaty',
      startsAt: '2027-06-26T13:00:00.000Z',
    });
    await t.http
      .get(`/api/v1/events/${events.body.items[0].id}/registrations`)
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
  });

  it('tells the story in Kazakh, Russian and English', async () => {
    const kk = await t.http.get('/api/v1/events?lang=kk').expect(200);
    const ru = await t.http.get('/api/v1/events?lang=ru').expect(200);
    expect(kk.body.items[0]).toMatchObject({
      title: 'Әлем фан-топтарының PreParty кеші',
      venue: 'Барыс Арена, Тұран даңғылы, 57',
    });
    expect(ru.body.items[0].title).toBe('PreParty фан-групп со всего мира');
    const group = await t.http.get('/api/v1/fan-groups?lang=ru').expect(200);
    expect(group.body.items[0].description).toMatch(/^Фан-группа из Казахстана/);
    // Every organizer text of the story exists in all three languages.
    const rows = await t.db.query<{ kind: string; translations: Record<string, object> }[]>(
      `SELECT 'group' AS kind, translations FROM fan_groups
       UNION ALL SELECT 'event', translations FROM events
       UNION ALL SELECT 'task', translations FROM volunteer_tasks`,
    );
    // Six from the story's texts, one welcome task made from the arrivals.
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect([row.kind, Object.keys(row.translations).sort()]).toEqual([
        row.kind,
        ['en', 'kk', 'ru'],
      ]);
    }
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'asel@dostar.kz', password: 'preparty-2026' })
      .expect(200);
    const tasks = await t.http
      .get('/api/v1/me/tasks')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    // Asel's account is in Kazakh.
    expect(tasks.body.items.map((task: { title: string }) => task.title)).toContain(
      'Қонақтарды әуежайда қарсы алу',
    );
  });

  it('adds the translations to a demo loaded before they existed', async () => {
    for (const table of ['fan_groups', 'events', 'volunteer_tasks']) {
      await t.db.query(`UPDATE ${table} SET translations = '{}'`);
    }
    await seedDemo(t.db);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (
         SELECT translations FROM fan_groups UNION ALL SELECT translations FROM events
         UNION ALL SELECT translations FROM volunteer_tasks) x
       WHERE translations ?& ARRAY['kk', 'ru', 'en']`,
    );
    expect(n).toBe(6);
  });

  it('tells the hosting story: Sakura routed to Asel, hosted by Dana, welcomed at NQZ', async () => {
    const login = async (email: string) =>
      (
        await t.http
          .post('/api/v1/auth/login')
          .send({ email, password: 'preparty-2026' })
          .expect(200)
      ).body.accessToken as string;
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const sakura = await login('sakura@example.jp');
    const asel = await login('asel@dostar.kz');
    const aigerim = await login('aigerim@dostar.kz');

    const matches = await t.http.get('/api/v1/me/host-matches').set(as(sakura)).expect(200);
    expect(matches.body.items[0]).toMatchObject({
      status: 'accepted',
      yourSide: 'guest',
      host: { displayName: 'Дана Ким', spokenLanguages: ['ru', 'kk', 'ja'] },
      contact: { email: 'dana@example.kz', address: 'Kabanbay Batyr Ave 48, apt 112, Astana' },
    });
    const stay = await t.http
      .get(`/api/v1/help-requests/${matches.body.items[0].requestId}`)
      .set(as(asel))
      .expect(200);
    expect(stay.body).toMatchObject({
      status: 'resolved',
      assignee: { displayName: 'Әсел Нұрланқызы' },
      requester: { spokenLanguages: ['ja', 'en'] },
    });

    const events = await t.http.get('/api/v1/events').expect(200);
    const board = await t.http
      .get(`/api/v1/events/${events.body.items[0].id}/arrivals`)
      .set(as(aigerim))
      .expect(200);
    expect(board.body.items[0]).toMatchObject({
      place: 'NQZ',
      localDate: '2027-06-25',
      localTime: '19:00',
      arrivals: 3,
    });
    expect(board.body.items[0].languages).toContainEqual({ language: 'ja', count: 1 });
    const again = await t.http
      .post(`/api/v1/events/${events.body.items[0].id}/arrivals/welcome-tasks`)
      .set(as(aigerim))
      .send({ place: 'NQZ', minArrivals: 3, volunteersPerTask: 2 })
      .expect(201);
    // The seeded task is the one the board makes: nothing new.
    expect(again.body).toMatchObject({
      created: 0,
      tasks: [{ title: 'Welcome at NQZ, 19:00–20:00', created: false }],
    });
  });
});
