import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createGroup, type TestGroup } from './factories/index.js';
import { createEvent, register } from './utils/events.js';
import { createOffer, HOST_ADDRESS, memberSpeaking, stayBody } from './utils/hosting.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

/** Issue 14's "done when", end to end through the API. */
describe('a Japanese fan gets to Astana', () => {
  let t: TestApp;
  let group: TestGroup;
  const api = (path: string) => `/api/v1${path}`;

  beforeAll(async () => {
    t = await startTestApp();
    await truncateAll(t.db);
    group = await createGroup(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is routed to a Japanese-speaking volunteer, hosted by a Japanese-speaking local, and welcomed at NQZ', async () => {
    const asel = await memberSpeaking(t.http, group, ['kk', 'ja'], {
      displayName: 'Әсел',
      role: 'volunteer',
      language: 'kk',
    });
    await memberSpeaking(t.http, group, ['ru'], { displayName: 'Тимур', role: 'volunteer' });
    const dana = await memberSpeaking(t.http, group, ['ru', 'ja'], { displayName: 'Дана' });
    const nurlan = await memberSpeaking(t.http, group, ['kk'], { displayName: 'Нұрлан' });
    const sakura = await memberSpeaking(t.http, group, ['ja', 'en'], { displayName: '佐藤さくら' });
    await t.http
      .patch(api(`/fan-groups/${group.id}`))
      .set(bearer(group.organizer))
      .send({ autoAssignHelp: true })
      .expect(200);
    const danaOffer = await createOffer(t.http, dana, group.id, { beds: 1 });
    await createOffer(t.http, nurlan, group.id, { pricePerNight: 8000, currency: 'KZT' });

    // Routed: the new request goes to the volunteer who reads Japanese.
    const stay = await t.http
      .post(api(`/fan-groups/${group.id}/help-requests`))
      .set(bearer(sakura))
      .send(stayBody({ maxBudgetPerNight: 10000, currency: 'KZT' }))
      .expect(201);
    expect(stay.body.assigneeId).toBe(asel.id);

    // Matched: the assignee sees the Japanese-speaking host first and proposes her.
    const suggestions = await t.http
      .get(api(`/help-requests/${stay.body.id}/host-suggestions`))
      .set(bearer(asel))
      .expect(200);
    expect(suggestions.body.items[0]).toMatchObject({
      offerId: danaOffer,
      sharedLanguages: ['ja'],
    });
    const match = await t.http
      .post(api(`/help-requests/${stay.body.id}/host-matches`))
      .set(bearer(asel))
      .send({ offerId: danaOffer })
      .expect(201);
    await t.http
      .post(api(`/host-matches/${match.body.id}/accept`))
      .set(bearer(sakura))
      .expect(200);
    const done = await t.http
      .post(api(`/host-matches/${match.body.id}/accept`))
      .set(bearer(dana))
      .expect(200);
    expect(done.body).toMatchObject({ status: 'accepted', contact: { email: sakura.email } });
    const [toSakura] = await t.smtp.waitFor(
      (m) => m.subject === 'Your stay with Дана is confirmed',
    );
    expect(toSakura.text).toContain(dana.email);
    expect(toSakura.text).toContain(HOST_ADDRESS);

    // Welcomed: her arrival is on the board that makes the welcome tasks.
    const event = await createEvent(t.http, group.organizer, group.id, {
      startsAt: '2027-06-26T13:00:00Z',
      endsAt: '2027-06-26T17:00:00Z',
    });
    await register(t.http, sakura, event.id, {
      arrival: { at: '2027-06-25T14:40:00Z', by: 'plane', from: 'Tokyo', place: 'NQZ' },
    }).expect(201);
    const board = await t.http
      .get(api(`/events/${event.id}/arrivals`))
      .set(bearer(group.organizer))
      .expect(200);
    expect(board.body.items).toEqual([
      expect.objectContaining({
        place: 'NQZ',
        localDate: '2027-06-25',
        arrivals: 1,
        languages: [
          { language: 'en', count: 1 },
          { language: 'ja', count: 1 },
        ],
      }),
    ]);
    const made = await t.http
      .post(api(`/events/${event.id}/arrivals/welcome-tasks`))
      .set(bearer(group.organizer))
      .send({ place: 'NQZ', minArrivals: 1, volunteersPerTask: 1 })
      .expect(201);
    expect(made.body.created).toBe(1);
    expect(made.body.tasks[0].startsAt).toBe(board.body.items[0].start);
  });

  it('gives the beds back when the guest deletes her account, and drops the host’s offers with his', async () => {
    const host = await memberSpeaking(t.http, group, ['ja']);
    const guest = await memberSpeaking(t.http, group, ['ja']);
    const offerId = await createOffer(t.http, host, group.id, { beds: 1 });
    const stay = await t.http
      .post(api(`/fan-groups/${group.id}/help-requests`))
      .set(bearer(guest))
      .send(stayBody())
      .expect(201);
    const match = await t.http
      .post(api(`/help-requests/${stay.body.id}/host-matches`))
      .set(bearer(group.organizer))
      .send({ offerId })
      .expect(201);
    await t.http
      .post(api(`/host-matches/${match.body.id}/accept`))
      .set(bearer(guest))
      .expect(200);
    await t.http
      .post(api(`/host-matches/${match.body.id}/accept`))
      .set(bearer(host))
      .expect(200);
    const taken = async () =>
      (
        await t.db.query(`SELECT beds_taken FROM hosting_offers WHERE id = $1`, [offerId])
      )[0];
    expect(await taken()).toEqual({ beds_taken: 1 });
    await t.http.delete(api('/me')).set(bearer(guest)).expect(204);
    expect(await taken()).toEqual({ beds_taken: 0 });
    const [m] = await t.db.query(`SELECT status FROM host_matches WHERE id = $1`, [match.body.id]);
    expect(m.status).toBe('withdrawn');
    await t.http.delete(api('/me')).set(bearer(host)).expect(204);
    expect(await taken()).toBeUndefined();
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM hosting_offers WHERE host_id = $1`,
      [host.id],
    );
    expect(n).toBe(0);
  });
});
