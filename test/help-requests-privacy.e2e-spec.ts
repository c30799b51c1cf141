import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, setRole, type TestUser } from './factories/index.js';
import {
  accommodationBody,
  createRequest,
  type HelpCast,
  helpCast,
  patch,
  requestIn,
} from './utils/help-requests.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

type Who =
  | 'requester'
  | 'organizer'
  | 'assignee'
  | 'otherVolunteer'
  | 'member'
  | 'stranger'
  | 'otherOrganizer';

interface Row {
  who: Who;
  read: number;
  /** Group list: status code, and whether the request is in it. */
  list: [number, boolean];
  /** PATCH {status: in_progress} on an open, assigned request. */
  update: number;
  comment: number;
}

const MATRIX: Row[] = [
  { who: 'requester', read: 200, list: [403, false], update: 403, comment: 201 },
  { who: 'organizer', read: 200, list: [200, true], update: 200, comment: 201 },
  { who: 'assignee', read: 200, list: [200, true], update: 200, comment: 201 },
  { who: 'otherVolunteer', read: 404, list: [200, false], update: 404, comment: 404 },
  { who: 'member', read: 404, list: [403, false], update: 404, comment: 404 },
  { who: 'stranger', read: 404, list: [403, false], update: 404, comment: 404 },
  { who: 'otherOrganizer', read: 404, list: [403, false], update: 404, comment: 404 },
];

describe('help request privacy', () => {
  let t: TestApp;
  let cast: HelpCast;
  let id: string;
  const as = (who: Who): TestUser => cast[who];

  beforeAll(async () => {
    t = await startTestApp();
    await truncateAll(t.db);
    cast = await helpCast(t.http);
    id = await requestIn(t.http, cast, 'open');
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(MATRIX)('for the $who', (row) => {
    it(`reads the request with ${row.read}`, async () => {
      const res = await t.http.get(`/api/v1/help-requests/${id}`).set(bearer(as(row.who)));
      expect(res.status).toBe(row.read);
      if (row.read === 200) {
        expect(res.body).toMatchObject({ id, requesterId: cast.requester.id, status: 'open' });
        expect(res.body.requester).toEqual({
          id: cast.requester.id,
          displayName: 'Ольга',
          country: 'RU',
          language: 'ru',
          spokenLanguages: [],
        });
        expect(JSON.stringify(res.body)).not.toContain('@example.com');
      } else {
        expect(JSON.stringify(res.body)).not.toContain('stadium');
      }
    });

    it(`lists the group's requests with ${row.list[0]}${row.list[1] ? ', including it' : ''}`, async () => {
      const res = await t.http
        .get(`/api/v1/fan-groups/${cast.group.id}/help-requests`)
        .set(bearer(as(row.who)));
      expect(res.status).toBe(row.list[0]);
      const ids = res.status === 200 ? res.body.items.map((r: { id: string }) => r.id) : [];
      expect(ids.includes(id)).toBe(row.list[1]);
    });

    it(`sees it in /me/help-requests only when it is their own`, async () => {
      const res = await t.http
        .get('/api/v1/me/help-requests')
        .set(bearer(as(row.who)))
        .expect(200);
      const ids = res.body.items.map((r: { id: string }) => r.id);
      expect(ids.includes(id)).toBe(row.who === 'requester');
    });

    it(`updates with ${row.update}`, async () => {
      const fresh = await requestIn(t.http, cast, 'open');
      await patch(t.http, as(row.who), fresh, { status: 'in_progress' }, row.update);
    });

    it(`comments and reads the thread with ${row.comment}`, async () => {
      const post = await t.http
        .post(`/api/v1/help-requests/${id}/comments`)
        .set(bearer(as(row.who)))
        .send({ body: `hello from ${row.who}` });
      expect(post.status).toBe(row.comment);
      const list = await t.http
        .get(`/api/v1/help-requests/${id}/comments`)
        .set(bearer(as(row.who)));
      expect(list.status).toBe(row.comment === 201 ? 200 : 404);
    });
  });

  it('answers 404 for an unknown request id and 400 for a malformed one', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await t.http.get(`/api/v1/help-requests/${unknown}`).set(bearer(cast.organizer)).expect(404);
    await t.http.get('/api/v1/help-requests/nope').set(bearer(cast.organizer)).expect(400);
    await t.http
      .get(`/api/v1/fan-groups/${unknown}/help-requests`)
      .set(bearer(cast.organizer))
      .expect(404);
  });

  it('requires a token', async () => {
    await t.http.get(`/api/v1/help-requests/${id}`).expect(401);
  });

  it('takes the assignee’s access away when they stop being a volunteer', async () => {
    const user = cast.otherVolunteer;
    const req = await createRequest(t.http, cast);
    await patch(t.http, cast.organizer, req, { assigneeId: user.id });
    await t.http.get(`/api/v1/help-requests/${req}`).set(bearer(user)).expect(200);
    await setRole(t.http, cast.organizer, cast.group.id, user.id, 'member');
    try {
      await t.http.get(`/api/v1/help-requests/${req}`).set(bearer(user)).expect(404);
      await patch(t.http, user, req, { status: 'in_progress' }, 404);
    } finally {
      await setRole(t.http, cast.organizer, cast.group.id, user.id, 'volunteer');
    }
  });

  describe('lists', () => {
    let ids: { ticketOpen: string; accInProgress: string; unassigned: string; resolved: string };

    beforeAll(async () => {
      await t.db.query('DELETE FROM help_requests');
      const ticketOpen = await requestIn(t.http, cast, 'open');
      const accInProgress = await createRequest(t.http, cast, accommodationBody());
      await patch(t.http, cast.organizer, accInProgress, {
        assigneeId: cast.otherVolunteer.id,
        status: 'in_progress',
      });
      const unassigned = await createRequest(t.http, cast);
      const resolved = await requestIn(t.http, cast, 'resolved');
      ids = { ticketOpen, accInProgress, unassigned, resolved };
    });

    const list = (who: TestUser, query = '') =>
      t.http
        .get(`/api/v1/fan-groups/${cast.group.id}/help-requests${query}`)
        .set(bearer(who))
        .expect(200);

    it('gives organizers every request, newest first, with the page shape', async () => {
      const res = await list(cast.organizer);
      expect(res.body).toMatchObject({ total: 4, limit: 20, offset: 0 });
      expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([
        ids.resolved,
        ids.unassigned,
        ids.accInProgress,
        ids.ticketOpen,
      ]);
      expect(res.body.items[0].history).toBeUndefined();
    });

    it('filters by type, status and assignee', async () => {
      const acc = await list(cast.organizer, '?type=accommodation');
      expect(acc.body.items.map((r: { id: string }) => r.id)).toEqual([ids.accInProgress]);
      expect(acc.body.items[0].accommodation).toEqual({
        checkIn: '2026-06-25',
        checkOut: '2026-06-28',
        guests: 2,
        maxBudgetPerNight: 60.5,
        currency: 'EUR',
      });
      const open = await list(cast.organizer, '?status=open');
      expect(open.body.total).toBe(2);
      const mine = await list(cast.organizer, `?assigneeId=${cast.assignee.id}&status=resolved`);
      expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([ids.resolved]);
    });

    it('pages with limit and offset', async () => {
      const res = await list(cast.organizer, '?limit=2&offset=1');
      expect(res.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([
        ids.unassigned,
        ids.accInProgress,
      ]);
    });

    it('gives a volunteer only the requests assigned to them, whatever the filter', async () => {
      const res = await list(cast.assignee);
      expect(res.body.items.map((r: { id: string }) => r.id).sort()).toEqual(
        [ids.ticketOpen, ids.resolved].sort(),
      );
      const other = await list(cast.assignee, `?assigneeId=${cast.otherVolunteer.id}`);
      expect(other.body).toMatchObject({ total: 0, items: [] });
    });

    it('refuses bad filters with 400', async () => {
      for (const q of [
        '?type=visa',
        '?status=done',
        '?assigneeId=x',
        '?limit=0',
        '?limit=101',
        '?foo=1',
      ]) {
        await t.http
          .get(`/api/v1/fan-groups/${cast.group.id}/help-requests${q}`)
          .set(bearer(cast.organizer))
          .expect(400);
      }
    });

    it("lists the requester's own requests across statuses", async () => {
      const res = await t.http
        .get('/api/v1/me/help-requests?status=in_progress')
        .set(bearer(cast.requester))
        .expect(200);
      expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([ids.accInProgress]);
      const all = await t.http
        .get('/api/v1/me/help-requests')
        .set(bearer(cast.requester))
        .expect(200);
      expect(all.body.total).toBe(4);
    });
  });

  describe('comments', () => {
    it('returns the thread oldest first, paged, with author names', async () => {
      const req = await requestIn(t.http, cast, 'in_progress');
      const bodies = ['Сәлем! Билеттер бар ма?', 'はい、二枚あります', 'Great, thanks!', '谢谢'];
      const authors = [cast.requester, cast.assignee, cast.requester, cast.organizer];
      for (const [i, body] of bodies.entries()) {
        const res = await t.http
          .post(`/api/v1/help-requests/${req}/comments`)
          .set(bearer(authors[i]))
          .send({ body: `  ${body}  ` })
          .expect(201);
        expect(res.body).toMatchObject({ requestId: req, body, author: { id: authors[i].id } });
      }
      const all = await t.http
        .get(`/api/v1/help-requests/${req}/comments`)
        .set(bearer(cast.assignee))
        .expect(200);
      expect(all.body.total).toBe(4);
      expect(all.body.items.map((c: { body: string }) => c.body)).toEqual(bodies);
      const second = await t.http
        .get(`/api/v1/help-requests/${req}/comments?limit=2&offset=2`)
        .set(bearer(cast.requester))
        .expect(200);
      expect(second.body.items.map((c: { body: string }) => c.body)).toEqual(bodies.slice(2));
    });

    it('refuses an empty, blank, oversize or NUL-carrying comment with 400', async () => {
      const req = await createRequest(t.http, cast);
      for (const body of [
        {},
        { body: '   ' },
        { body: 'x'.repeat(4001) },
        { body: 'a\u0000b' },
        { body: 'ok', extra: 1 },
      ]) {
        await t.http
          .post(`/api/v1/help-requests/${req}/comments`)
          .set(bearer(cast.requester))
          .send(body)
          .expect(400);
      }
      const [{ n }] = await t.db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM help_request_comments WHERE request_id = $1',
        [req],
      );
      expect(n).toBe(0);
    });
  });
});
