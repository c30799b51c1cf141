import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { bearer, createGroup, setRole, signup, type TestGroup } from './factories/index.js';
import { createEvent, type Json, PREPARTY, register } from './utils/events.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

const EVENT_TRANSLATIONS = {
  kk: { title: 'Әлемдік фан-топтар кеші', venue: 'Барыс Арена' },
  ru: {
    title: 'Всемирная вечеринка фан-групп',
    description: 'Встреча фанатов накануне концерта',
    venue: 'Барыс Арена',
  },
};

const TASK = {
  title: 'Welcome guests',
  location: 'Gate 3',
  startsAt: '2026-06-26T09:00:00.000Z',
  endsAt: '2026-06-26T11:00:00.000Z',
  volunteersNeeded: 2,
};

describe('translations of organizer text', () => {
  let t: TestApp;
  let g: TestGroup;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    g = await createGroup(t.http);
  });

  const publishedEvent = (overrides: object = {}) =>
    createEvent(t.http, g.organizer, g.id, {
      description: 'Fans meet on the eve of the concert',
      translations: EVENT_TRANSLATIONS,
      ...overrides,
    });

  it('shows each reader the event in their language, field by field, falling back to the plain text', async () => {
    const event = await publishedEvent();
    const get = (query: string, headers: Record<string, string> = {}) =>
      t.http.get(`/api/v1/events/${event.id}${query}`).set(headers).expect(200);

    const kk = (await get('?lang=kk')).body;
    expect(kk).toMatchObject({
      title: 'Әлемдік фан-топтар кеші',
      venue: 'Барыс Арена',
      // No Kazakh description: the text the organizer wrote.
      description: 'Fans meet on the eve of the concert',
    });
    expect(kk.translations).toBeUndefined();
    expect(kk.original).toBeUndefined();

    expect((await get('', { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.5' })).body).toMatchObject({
      title: 'Всемирная вечеринка фан-групп',
      description: 'Встреча фанатов накануне концерта',
    });
    // A language without translations, and no preference at all: the plain text.
    expect((await get('?lang=en')).body.title).toBe(PREPARTY.title);
    expect((await get('', { 'Accept-Language': 'ja,de;q=0.8' })).body.title).toBe(PREPARTY.title);
    expect((await get('')).body.title).toBe(PREPARTY.title);

    // ?lang= beats the account's language, which beats Accept-Language.
    const fan = await signup(t.http, { language: 'kk' });
    expect((await get('', { ...bearer(fan), 'Accept-Language': 'ru' })).body.title).toBe(
      'Әлемдік фан-топтар кеші',
    );
    expect((await get('?lang=ru', bearer(fan))).body.title).toBe('Всемирная вечеринка фан-групп');
    await t.http.patch('/api/v1/me').set(bearer(fan)).send({ language: 'ru' }).expect(200);
    expect((await get('', bearer(fan))).body.title).toBe('Всемирная вечеринка фан-групп');
  });

  it('refuses a bad ?lang= with 400 on every route that takes it', async () => {
    const event = await publishedEvent();
    for (const path of [
      `/api/v1/events?lang=de`,
      `/api/v1/events/${event.id}?lang=de`,
      `/api/v1/events/${event.id}?lang=`,
      `/api/v1/events/${event.id}?lang=kk&lang=ru`,
      `/api/v1/fan-groups?lang=KK`,
      `/api/v1/fan-groups/${g.id}?lang=english`,
    ]) {
      const res = await t.http.get(path);
      expect([path, res.status]).toEqual([path, 400]);
    }
    for (const path of [
      '/api/v1/me/registrations?lang=fr',
      '/api/v1/me/tasks?lang=fr',
      `/api/v1/events/${event.id}/tasks?lang=fr`,
    ]) {
      const res = await t.http.get(path).set(bearer(g.organizer));
      expect([path, res.status]).toEqual([path, 400]);
    }
  });

  it('gives the group’s organizers every language and the original text, nobody else', async () => {
    const event = await publishedEvent();
    const asOrganizer = await t.http
      .get(`/api/v1/events/${event.id}?lang=kk`)
      .set(bearer(g.organizer))
      .expect(200);
    expect(asOrganizer.body).toMatchObject({
      title: 'Әлемдік фан-топтар кеші',
      translations: EVENT_TRANSLATIONS,
      original: {
        title: PREPARTY.title,
        description: 'Fans meet on the eve of the concert',
        venue: PREPARTY.venue,
      },
    });
    for (const user of [g.volunteer, g.member, (await createGroup(t.http, 'Other')).organizer]) {
      const res = await t.http.get(`/api/v1/events/${event.id}`).set(bearer(user)).expect(200);
      expect(res.body.translations).toBeUndefined();
      expect(res.body.original).toBeUndefined();
    }
    // The public list: the same rule, per event.
    const other = await createGroup(t.http, 'Other group');
    await createEvent(t.http, other.organizer, other.id, { title: 'Other party' });
    const list = await t.http.get('/api/v1/events?lang=kk').set(bearer(g.organizer)).expect(200);
    const mine = list.body.items.find((e: Json) => e.id === event.id);
    const theirs = list.body.items.find((e: Json) => e.id !== event.id);
    expect(mine).toMatchObject({
      title: 'Әлемдік фан-топтар кеші',
      translations: EVENT_TRANSLATIONS,
      original: { title: PREPARTY.title },
    });
    expect(theirs.title).toBe('Other party');
    expect(theirs.translations).toBeUndefined();
    const anonymous = await t.http.get('/api/v1/events?lang=ru').expect(200);
    expect(anonymous.body.items.map((e: Json) => e.title).sort()).toEqual([
      'Other party',
      'Всемирная вечеринка фан-групп',
    ]);
    expect(anonymous.body.items.every((e: Json) => e.translations === undefined)).toBe(true);
  });

  it('merges translations on update: a given text replaces, null removes, the rest stays', async () => {
    const event = await publishedEvent();
    const res = await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({
        title: 'World Fan Groups PreParty 2026',
        translations: {
          kk: { venue: null },
          ru: null,
          en: { description: 'Fans from every country meet' },
        },
      })
      .expect(200);
    expect(res.body.translations).toEqual({
      kk: { title: 'Әлемдік фан-топтар кеші' },
      en: { description: 'Fans from every country meet' },
    });
    const [row] = await t.db.query(`SELECT translations FROM events WHERE id = $1`, [event.id]);
    expect(row.translations).toEqual(res.body.translations);
    const kk = await t.http.get(`/api/v1/events/${event.id}?lang=kk`).expect(200);
    expect(kk.body).toMatchObject({
      title: 'Әлемдік фан-топтар кеші',
      venue: PREPARTY.venue,
    });
    // null clears every translation.
    const cleared = await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ translations: null })
      .expect(200);
    expect(cleared.body.translations).toEqual({});
  });

  it('refuses bad translations with 400 and changes nothing', async () => {
    const event = await publishedEvent();
    const bad = [
      { de: { title: 'Fan-Party' } },
      { kk: { location: 'Қақпа 3' } },
      { kk: { title: '' } },
      { kk: { title: '   ' } },
      { kk: { title: 'x'.repeat(201) } },
      { kk: { description: 'x'.repeat(10_001) } },
      { kk: { title: 42 } },
      { kk: 'Әлемдік кеш' },
      { kk: [{ title: 'Әлемдік кеш' }] },
      'kk',
      [{ kk: { title: 'x' } }],
    ];
    for (const translations of bad) {
      const created = await t.http
        .post(`/api/v1/fan-groups/${g.id}/events`)
        .set(bearer(g.organizer))
        .send({ ...PREPARTY, capacity: 5, translations });
      expect([JSON.stringify(translations), created.status]).toEqual([
        JSON.stringify(translations),
        400,
      ]);
      const patched = await t.http
        .patch(`/api/v1/events/${event.id}`)
        .set(bearer(g.organizer))
        .send({ translations });
      expect([JSON.stringify(translations), patched.status]).toEqual([
        JSON.stringify(translations),
        400,
      ]);
    }
    for (const translations of [{ ru: { venue: 'x' } }, { en: { name: 'x' } }]) {
      await t.http
        .post(`/api/v1/events/${event.id}/tasks`)
        .set(bearer(g.organizer))
        .send({ ...TASK, translations })
        .expect(400);
    }
    await t.http
      .post('/api/v1/fan-groups')
      .set(bearer(g.organizer))
      .send({ name: 'Bad', translations: { kk: { title: 'x' } } })
      .expect(400);
    const [{ n }] = await t.db.query(`SELECT count(*)::int n FROM events`);
    expect(n).toBe(1);
    const [row] = await t.db.query(`SELECT translations FROM events WHERE id = $1`, [event.id]);
    expect(row.translations).toEqual(EVENT_TRANSLATIONS);
    const [{ tasks }] = await t.db.query(`SELECT count(*)::int tasks FROM volunteer_tasks`);
    expect(tasks).toBe(0);
  });

  it('translates the group’s name and description, and finds it by a translated name', async () => {
    const res = await t.http
      .patch(`/api/v1/fan-groups/${g.id}`)
      .set(bearer(g.organizer))
      .send({
        description: 'Dimash fans in Kazakhstan',
        translations: {
          kk: { description: 'Қазақстандағы Димаш фанаттары' },
          ru: { name: 'Димаш и Друзья', description: 'Фанаты Димаша в Казахстане' },
        },
      })
      .expect(200);
    expect(res.body.translations.ru.name).toBe('Димаш и Друзья');
    expect(res.body.original).toEqual({
      name: 'Dimash&Dostar',
      description: 'Dimash fans in Kazakhstan',
    });
    const kk = await t.http.get(`/api/v1/fan-groups/${g.id}?lang=kk`).expect(200);
    expect(kk.body).toMatchObject({
      name: 'Dimash&Dostar',
      description: 'Қазақстандағы Димаш фанаттары',
    });
    expect(kk.body.translations).toBeUndefined();
    const list = await t.http
      .get('/api/v1/fan-groups?search=друзья')
      .set('Accept-Language', 'ru')
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: g.id,
      name: 'Димаш и Друзья',
      description: 'Фанаты Димаша в Казахстане',
    });
    expect(list.body.items[0].translations).toBeUndefined();
    const forOrganizer = await t.http
      .get('/api/v1/fan-groups')
      .set(bearer(g.organizer))
      .expect(200);
    expect(forOrganizer.body.items[0].translations.kk).toEqual({
      description: 'Қазақстандағы Димаш фанаттары',
    });
  });

  it('translates tasks for their volunteers and the event summary of registrations', async () => {
    const event = await publishedEvent();
    const created = await t.http
      .post(`/api/v1/events/${event.id}/tasks`)
      .set(bearer(g.organizer))
      .send({
        ...TASK,
        translations: {
          kk: { title: 'Қонақтарды қарсы алу', location: '3-қақпа' },
          ru: { title: 'Встреча гостей' },
        },
      })
      .expect(201);
    expect(created.body.translations.kk.location).toBe('3-қақпа');
    await t.http
      .post(`/api/v1/tasks/${created.body.id}/assignments`)
      .set(bearer(g.organizer))
      .send({ userId: g.volunteer.id })
      .expect(201);

    const mine = await t.http.get('/api/v1/me/tasks?lang=kk').set(bearer(g.volunteer)).expect(200);
    expect(mine.body.items[0]).toMatchObject({
      title: 'Қонақтарды қарсы алу',
      location: '3-қақпа',
      event: { title: 'Әлемдік фан-топтар кеші', venue: 'Барыс Арена' },
    });
    expect(mine.body.items[0].translations).toBeUndefined();

    // The volunteer's account says en; ?lang= overrides it.
    const board = await t.http
      .get(`/api/v1/events/${event.id}/tasks?lang=ru`)
      .set(bearer(g.volunteer))
      .expect(200);
    expect(board.body.items[0].title).toBe('Встреча гостей');
    expect(board.body.items[0].location).toBe('Gate 3');
    expect(board.body.items[0].translations).toBeUndefined();
    const forOrganizer = await t.http
      .get(`/api/v1/events/${event.id}/tasks?lang=en`)
      .set(bearer(g.organizer))
      .expect(200);
    expect(forOrganizer.body.items[0]).toMatchObject({
      title: 'Welcome guests',
      original: { title: 'Welcome guests', location: 'Gate 3' },
      translations: { ru: { title: 'Встреча гостей' } },
    });
    const patched = await t.http
      .patch(`/api/v1/tasks/${created.body.id}`)
      .set(bearer(g.organizer))
      .send({ translations: { ru: { location: 'Ворота 3' } } })
      .expect(200);
    expect(patched.body.translations.ru).toEqual({
      title: 'Встреча гостей',
      location: 'Ворота 3',
    });

    const fan = await signup(t.http, { language: 'ru' });
    await register(t.http, fan, event.id).expect(201);
    const regs = await t.http.get('/api/v1/me/registrations').set(bearer(fan)).expect(200);
    expect(regs.body.items[0].event).toMatchObject({
      title: 'Всемирная вечеринка фан-групп',
      venue: 'Барыс Арена',
    });
  });

  it('writes calendar entries in the account’s language', async () => {
    const event = await publishedEvent();
    const fan = await signup(t.http, { language: 'kk' });
    const reg = await register(t.http, fan, event.id).expect(201);
    const unfold = (text: string) => text.replace(/\r?\n[ \t]/g, '');
    const ics = await t.http
      .get(`/api/v1/registrations/${reg.body.id}/calendar.ics`)
      .set(bearer(fan))
      .expect(200);
    expect(unfold(ics.text)).toContain(`SUMMARY:${EVENT_TRANSLATIONS.kk.title}`);
    const feed = await t.http.get('/api/v1/me/calendar-feed').set(bearer(fan)).expect(200);
    const path = new URL(feed.body.url as string).pathname;
    const entries = await t.http.get(path).expect(200);
    expect(unfold(entries.text)).toContain(`SUMMARY:${EVENT_TRANSLATIONS.kk.title}`);
  });

  it('puts the translations in the account export, in the account’s language', async () => {
    const event = await publishedEvent();
    const fan = await signup(t.http, { language: 'kk' });
    await register(t.http, fan, event.id).expect(201);
    await setRole(t.http, g.organizer, g.id, fan.id, 'volunteer');
    const res = await t.http.get('/api/v1/me/export').set(bearer(fan)).expect(200);
    expect(JSON.stringify(res.body)).toContain('Әлемдік фан-топтар кеші');
  });
});
