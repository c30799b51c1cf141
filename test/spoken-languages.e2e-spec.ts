import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './factories/index.js';
import {
  accommodationBody,
  createRequest,
  type HelpCast,
  helpCast,
} from './utils/help-requests.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

describe('spoken languages', () => {
  let t: TestApp;
  let cast: HelpCast;

  beforeAll(async () => {
    t = await startTestApp();
    await truncateAll(t.db);
    cast = await helpCast(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores them on the account, lower-cased and deduplicated, apart from the interface language', async () => {
    const res = await t.http
      .patch('/api/v1/me')
      .set(bearer(cast.requester))
      .send({ spokenLanguages: ['JA', 'en', 'ja '] })
      .expect(200);
    expect(res.body).toMatchObject({ language: 'ru', spokenLanguages: ['ja', 'en'] });
    const me = await t.http.get('/api/v1/me').set(bearer(cast.requester)).expect(200);
    expect(me.body.spokenLanguages).toEqual(['ja', 'en']);
  });

  it.each([
    [['xx']],
    [['english']],
    [[1]],
    ['ja'],
    [null],
    [['ja', 'en', 'ru', 'kk', 'de', 'fr', 'es', 'it', 'zh', 'ko', 'pt']],
  ])('refuses %j with 400 and changes nothing', async (spokenLanguages) => {
    await t.http
      .patch('/api/v1/me')
      .set(bearer(cast.requester))
      .send({ spokenLanguages })
      .expect(400);
    const me = await t.http.get('/api/v1/me').set(bearer(cast.requester)).expect(200);
    expect(me.body.spokenLanguages).toEqual(['ja', 'en']);
  });

  it('clears them with an empty list', async () => {
    await t.http
      .patch('/api/v1/me')
      .set(bearer(cast.member))
      .send({ spokenLanguages: ['de'] })
      .expect(200);
    const res = await t.http
      .patch('/api/v1/me')
      .set(bearer(cast.member))
      .send({ spokenLanguages: [] })
      .expect(200);
    expect(res.body.spokenLanguages).toEqual([]);
  });

  it("shows the requester's spoken languages with the request, in the lists and in the group's inbox", async () => {
    const id = await createRequest(t.http, cast, accommodationBody());
    const one = await t.http.get(`/api/v1/help-requests/${id}`).set(bearer(cast.organizer));
    expect(one.status).toBe(200);
    expect(one.body.requester.spokenLanguages).toEqual(['ja', 'en']);
    const inbox = await t.http
      .get(`/api/v1/fan-groups/${cast.group.id}/help-requests`)
      .set(bearer(cast.organizer))
      .expect(200);
    expect(inbox.body.items[0].requester.spokenLanguages).toEqual(['ja', 'en']);
    const mine = await t.http.get('/api/v1/me/help-requests').set(bearer(cast.requester));
    expect(mine.body.items[0].requester.spokenLanguages).toEqual(['ja', 'en']);
  });

  it('includes them in the export and erases them with the account', async () => {
    const exported = await t.http.get('/api/v1/me/export').set(bearer(cast.requester)).expect(200);
    expect(exported.body.profile.spokenLanguages).toEqual(['ja', 'en']);
    await t.http.delete('/api/v1/me').set(bearer(cast.requester)).expect(204);
    const [row] = await t.db.query(`SELECT spoken_languages FROM users WHERE id = $1`, [
      cast.requester.id,
    ]);
    expect(row.spoken_languages).toEqual([]);
  });
});
