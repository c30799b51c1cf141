import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import { bearer, createGroup, signup, type TestGroup, type TestUser } from './factories/index.js';
import { createEvent, PREPARTY, register } from './utils/events.js';
import { createRequest, helpCast, patch } from './utils/help-requests.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

const PUBLIC_URL = 'https://fans.example.org';

const KK = { title: 'Әлемдік фан-топтар кеші', venue: 'Барыс Арена' };
const RU = { title: 'Всемирная вечеринка фан-групп', venue: 'Барыс Арена' };

/** Every absolute address in the HTML part's links and in the text part. */
function links(mail: ParsedMail): { html: string[]; text: string[] } {
  const html = [...String(mail.html).matchAll(/href="([^"]+)"/g)].map((m) =>
    m[1].replace(/&amp;/g, '&'),
  );
  const text = [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  return { html, text };
}

describe('e-mail links and organizer text in the recipient’s language', () => {
  let t: TestApp;
  let g: TestGroup;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: `${PUBLIC_URL}/` });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    t.smtp.clear();
    g = await createGroup(t.http);
  });

  const mailsTo = (user: TestUser, count = 1) =>
    t.smtp.waitFor((m) => t.smtp.to(user.email).includes(m), count);
  const newest = async (user: TestUser, count: number) => (await mailsTo(user, count))[count - 1];

  /** The same pages in both parts, and only pages of the web app under PUBLIC_URL. */
  function expectLinks(mail: ParsedMail, expected: string[]) {
    const found = links(mail);
    expect(found.html).toEqual(expected.map((p) => `${PUBLIC_URL}${p}`));
    expect(found.text).toEqual(expected.map((p) => `${PUBLIC_URL}${p}`));
  }

  it('links the welcome e-mail to the home page', async () => {
    const fan = await signup(t.http, { language: 'ru' });
    expectLinks(await newest(fan, 1), ['/']);
  });

  it('links registration e-mails to my registrations and the event, in the fan’s language', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, {
      capacity: 1,
      translations: { kk: KK, ru: RU },
    });
    const [kk, ru, en] = await Promise.all([
      signup(t.http, { language: 'kk' }),
      signup(t.http, { language: 'ru' }),
      signup(t.http, { language: 'en' }),
    ]);
    const confirmed = await register(t.http, kk, event.id).expect(201);
    await register(t.http, ru, event.id).expect(201);
    // A registration may ask for its own e-mail language.
    await register(t.http, en, event.id, { language: 'ru' }).expect(201);

    const seat = await newest(kk, 2);
    expect(seat.subject).toBe(`Сіз тіркелдіңіз: ${KK.title}`);
    expect(seat.text).toContain(KK.venue);
    expectLinks(seat, ['/me/registrations', `/events/${event.id}`]);

    const waiting = await newest(ru, 2);
    expect(waiting.subject).toBe(`Вы в листе ожидания: ${RU.title}`);
    expectLinks(waiting, ['/me/registrations', `/events/${event.id}`]);
    expect((await newest(en, 2)).subject).toBe(`Вы в листе ожидания: ${RU.title}`);

    // The seat frees up: the first in line is promoted.
    await t.http
      .post(`/api/v1/registrations/${confirmed.body.id}/cancel`)
      .set(bearer(kk))
      .expect(200);
    const promoted = await newest(ru, 3);
    expect(promoted.subject).toBe(`Освободилось место: вы подтверждены на ${RU.title}`);
    expectLinks(promoted, ['/me/registrations', `/events/${event.id}`]);

    // The organizers cancel the event: each active registrant hears, with the event's page.
    await t.http.post(`/api/v1/events/${event.id}/cancel`).set(bearer(g.organizer)).expect(200);
    const cancelled = await newest(ru, 4);
    expect(cancelled.subject).toBe(`Отменено: ${RU.title}`);
    expectLinks(cancelled, [`/events/${event.id}`, '/me/registrations']);
  });

  it('writes the plain text when the recipient’s language has no translation', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { translations: { kk: KK } });
    const fan = await signup(t.http, { language: 'en' });
    await register(t.http, fan, event.id).expect(201);
    const mail = await newest(fan, 2);
    expect(mail.subject).toBe(`You are registered: ${PREPARTY.title}`);
    expect(mail.text).toContain(PREPARTY.venue);
  });

  it('links help-request e-mails to the fan’s request page and the assignee’s workflow page', async () => {
    const cast = await helpCast(t.http);
    await t.http
      .patch(`/api/v1/fan-groups/${cast.group.id}`)
      .set(bearer(cast.organizer))
      .send({ translations: { kk: { name: 'Димаш пен Достар' }, ru: { name: 'Димаш и Друзья' } } })
      .expect(200);
    const id = await createRequest(t.http, cast);
    const requesterMails = t.smtp.to(cast.requester.email).length;
    const assigneeMails = t.smtp.to(cast.assignee.email).length;

    // Assigned: the assignee (kk) gets the organizers' page, with the group's Kazakh name.
    await patch(t.http, cast.organizer, id, { assigneeId: cast.assignee.id });
    const assigned = await newest(cast.assignee, assigneeMails + 1);
    expect(assigned.text).toContain('Димаш пен Достар');
    expectLinks(assigned, [`/manage/help/${id}`]);

    // A status change: the requester (ru) gets their own request's page.
    await patch(t.http, cast.assignee, id, { status: 'in_progress' });
    const status = await newest(cast.requester, requesterMails + 1);
    expect(status.text).toContain('Димаш и Друзья');
    expectLinks(status, [`/me/help/${id}`]);

    // Comments: by the requester to the assignee, by the assignee to the requester.
    await t.http
      .post(`/api/v1/help-requests/${id}/comments`)
      .set(bearer(cast.requester))
      .send({ body: 'Спасибо!' })
      .expect(201);
    expectLinks(await newest(cast.assignee, assigneeMails + 2), [`/manage/help/${id}`]);
    await t.http
      .post(`/api/v1/help-requests/${id}/comments`)
      .set(bearer(cast.assignee))
      .send({ body: 'Билеттер табылды' })
      .expect(201);
    expectLinks(await newest(cast.requester, requesterMails + 2), [`/me/help/${id}`]);
  });

  it('links task e-mails to my tasks, with the task and event texts in the volunteer’s language', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, {
      translations: { kk: KK },
    });
    await t.http.patch('/api/v1/me').set(bearer(g.volunteer)).send({ language: 'kk' }).expect(200);
    const task = await t.http
      .post(`/api/v1/events/${event.id}/tasks`)
      .set(bearer(g.organizer))
      .send({
        title: 'Place LED sticks on the seats',
        location: 'Sector C',
        startsAt: '2026-06-26T06:00:00.000Z',
        endsAt: '2026-06-26T09:00:00.000Z',
        volunteersNeeded: 3,
        translations: { kk: { title: 'Орындықтарға LED таяқшаларын қою', location: 'C секторы' } },
      })
      .expect(201);
    const before = t.smtp.to(g.volunteer.email).length;
    await t.http
      .post(`/api/v1/tasks/${task.body.id}/assignments`)
      .set(bearer(g.organizer))
      .send({ userId: g.volunteer.id })
      .expect(201);
    // The assignment and, the task being less than a day away (REMINDER_LEAD_MINUTES), its reminder.
    const mails = await mailsTo(g.volunteer, before + 2);
    const assigned = mails.find((m) => m.subject?.startsWith('Сіздің волонтерлік тапсырмаңыз'));
    expect(assigned?.subject).toBe(
      'Сіздің волонтерлік тапсырмаңыз: Орындықтарға LED таяқшаларын қою',
    );
    expect(assigned?.text).toContain('C секторы');
    expect(assigned?.text).toContain(KK.title);
    for (const mail of mails.slice(before)) expectLinks(mail, ['/me/tasks']);

    await t.http
      .delete(`/api/v1/tasks/${task.body.id}/assignments/${g.volunteer.id}`)
      .set(bearer(g.organizer))
      .expect(204);
    const unassigned = await newest(g.volunteer, before + 3);
    expect(unassigned.text).toContain('Орындықтарға LED таяқшаларын қою');
    expectLinks(unassigned, ['/me/tasks']);
  });
});
