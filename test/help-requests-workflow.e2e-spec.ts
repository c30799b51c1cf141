import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, type TestUser } from './factories/index.js';
import {
  createRequest,
  type HelpCast,
  helpCast,
  helpMails,
  patch,
  requestIn,
} from './utils/help-requests.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

type Who =
  | 'organizer'
  | 'assignee'
  | 'requester'
  | 'otherVolunteer'
  | 'member'
  | 'stranger'
  | 'otherOrganizer';
type Status = 'open' | 'in_progress' | 'resolved' | 'declined' | 'cancelled';

describe('help request workflow', () => {
  let t: TestApp;
  let cast: HelpCast;
  const as = (who: Who): TestUser => cast[who];

  beforeAll(async () => {
    t = await startTestApp();
    await truncateAll(t.db);
    cast = await helpCast(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('allowed moves', () => {
    it.each<[Status, Status, Who]>([
      ['open', 'in_progress', 'organizer'],
      ['open', 'in_progress', 'assignee'],
      ['in_progress', 'resolved', 'organizer'],
      ['in_progress', 'resolved', 'assignee'],
      ['open', 'declined', 'organizer'],
      ['in_progress', 'declined', 'organizer'],
      ['open', 'cancelled', 'requester'],
      ['in_progress', 'cancelled', 'requester'],
    ])('moves %s → %s when the %s asks', async (from, to, who) => {
      const id = await requestIn(t.http, cast, from);
      const res = await patch(t.http, as(who), id, { status: to });
      expect(res.body.status).toBe(to);
      expect(res.body.history.at(-1)).toMatchObject({
        action: 'status',
        actorId: as(who).id,
        fromStatus: from,
        toStatus: to,
      });
      const [row] = await t.db.query<{ status: string }[]>(
        'SELECT status FROM help_requests WHERE id = $1',
        [id],
      );
      expect(row.status).toBe(to);
    });
  });

  describe('forbidden moves', () => {
    it.each<[Status, Status, Who, number]>([
      ['open', 'in_progress', 'requester', 403],
      ['open', 'declined', 'assignee', 403],
      ['open', 'declined', 'requester', 403],
      ['open', 'cancelled', 'organizer', 403],
      ['open', 'cancelled', 'assignee', 403],
      ['in_progress', 'resolved', 'requester', 403],
      ['in_progress', 'declined', 'assignee', 403],
      ['open', 'resolved', 'organizer', 409],
      ['open', 'resolved', 'assignee', 409],
      ['open', 'open', 'organizer', 409],
      ['in_progress', 'open', 'organizer', 409],
      ['in_progress', 'in_progress', 'assignee', 409],
      ['resolved', 'in_progress', 'organizer', 409],
      ['resolved', 'in_progress', 'assignee', 409],
      ['resolved', 'declined', 'organizer', 409],
      ['resolved', 'cancelled', 'requester', 409],
      ['declined', 'in_progress', 'organizer', 409],
      ['declined', 'cancelled', 'requester', 409],
      ['cancelled', 'in_progress', 'assignee', 409],
      ['cancelled', 'declined', 'organizer', 409],
      ['cancelled', 'cancelled', 'requester', 409],
      ['open', 'in_progress', 'otherVolunteer', 404],
      ['open', 'in_progress', 'member', 404],
      ['open', 'in_progress', 'stranger', 404],
      ['open', 'declined', 'otherOrganizer', 404],
      ['in_progress', 'cancelled', 'stranger', 404],
    ])('refuses %s → %s by the %s with %i and changes nothing', async (from, to, who, code) => {
      const id = await requestIn(t.http, cast, from);
      const before = await t.db.query(
        'SELECT count(*)::int AS n FROM help_request_history WHERE request_id = $1',
        [id],
      );
      const mailsBefore = (await helpMails(t.db, id)).length;
      const res = await patch(t.http, as(who), id, { status: to }, code);
      if (code === 409) expect(res.body.code).toBe('INVALID_TRANSITION');
      const [row] = await t.db.query<{ status: string }[]>(
        'SELECT status FROM help_requests WHERE id = $1',
        [id],
      );
      expect(row.status).toBe(from);
      const after = await t.db.query(
        'SELECT count(*)::int AS n FROM help_request_history WHERE request_id = $1',
        [id],
      );
      expect(after).toEqual(before);
      expect(await helpMails(t.db, id)).toHaveLength(mailsBefore);
    });
  });

  describe('assignment', () => {
    it('lets an organizer assign, reassign and unassign, each kept in the history', async () => {
      const id = await createRequest(t.http, cast);
      await patch(t.http, cast.organizer, id, { assigneeId: cast.assignee.id });
      await patch(t.http, cast.organizer, id, { assigneeId: cast.otherVolunteer.id });
      const res = await patch(t.http, cast.organizer, id, { assigneeId: null });
      expect(res.body.assigneeId).toBeNull();
      expect(
        res.body.history.map(
          (h: { action: string; assigneeId: string | null; previousAssigneeId: string | null }) => [
            h.action,
            h.assigneeId,
            h.previousAssigneeId,
          ],
        ),
      ).toEqual([
        ['created', null, null],
        ['assigned', cast.assignee.id, null],
        ['assigned', cast.otherVolunteer.id, cast.assignee.id],
        ['unassigned', null, cast.otherVolunteer.id],
      ]);
    });

    it('lets an organizer assign another organizer, or themselves', async () => {
      const id = await createRequest(t.http, cast);
      const res = await patch(t.http, cast.organizer, id, { assigneeId: cast.organizer.id });
      expect(res.body.assignee).toMatchObject({ id: cast.organizer.id });
    });

    it('assigns and starts in one call, history in that order', async () => {
      const id = await createRequest(t.http, cast);
      const res = await patch(t.http, cast.organizer, id, {
        assigneeId: cast.assignee.id,
        status: 'in_progress',
      });
      expect(res.body).toMatchObject({ status: 'in_progress', assigneeId: cast.assignee.id });
      expect(res.body.history.map((h: { action: string }) => h.action)).toEqual([
        'created',
        'assigned',
        'status',
      ]);
    });

    it.each<[string, (c: HelpCast) => string]>([
      ['a plain member', (c) => c.member.id],
      ['the requester (a member)', (c) => c.requester.id],
      ['a user outside the group', (c) => c.stranger.id],
      ["another group's organizer", (c) => c.otherOrganizer.id],
      ['an unknown user id', () => '00000000-0000-4000-8000-000000000000'],
    ])('refuses to assign %s with 400', async (_label, pick) => {
      const id = await createRequest(t.http, cast);
      const res = await patch(t.http, cast.organizer, id, { assigneeId: pick(cast) }, 400);
      expect(String(res.body.message)).toMatch(/organizer or volunteer/);
      const [row] = await t.db.query<{ assignee_id: string | null }[]>(
        'SELECT assignee_id FROM help_requests WHERE id = $1',
        [id],
      );
      expect(row.assignee_id).toBeNull();
    });

    it.each<[Who, number]>([
      ['assignee', 403],
      ['requester', 403],
      ['otherVolunteer', 404],
      ['member', 404],
      ['stranger', 404],
      ['otherOrganizer', 404],
    ])('refuses assignment by the %s with %i', async (who, code) => {
      const id = await requestIn(t.http, cast, 'open');
      await patch(t.http, as(who), id, { assigneeId: cast.otherVolunteer.id }, code);
    });

    it('refuses to reassign a closed request with 409 REQUEST_CLOSED', async () => {
      const id = await requestIn(t.http, cast, 'resolved');
      const res = await patch(
        t.http,
        cast.organizer,
        id,
        { assigneeId: cast.otherVolunteer.id },
        409,
      );
      expect(res.body.code).toBe('REQUEST_CLOSED');
    });

    it('lets the new assignee, not the previous one, move the request after a reassignment', async () => {
      const id = await requestIn(t.http, cast, 'open');
      await patch(t.http, cast.organizer, id, { assigneeId: cast.otherVolunteer.id });
      await patch(t.http, cast.assignee, id, { status: 'in_progress' }, 404);
      await patch(t.http, cast.otherVolunteer, id, { status: 'in_progress' });
    });

    it('refuses an empty change and an unknown status with 400', async () => {
      const id = await createRequest(t.http, cast);
      await patch(t.http, cast.organizer, id, {}, 400);
      await patch(t.http, cast.organizer, id, { status: 'reopened' }, 400);
      await patch(t.http, cast.organizer, id, { assigneeId: 'not-a-uuid' }, 400);
      await patch(t.http, cast.organizer, id, { status: 'in_progress', note: 'x' }, 400);
    });
  });

  it('records the whole walk in the history returned with the request', async () => {
    const id = await createRequest(t.http, cast);
    await patch(t.http, cast.organizer, id, { assigneeId: cast.assignee.id });
    await patch(t.http, cast.assignee, id, { status: 'in_progress' });
    await patch(t.http, cast.assignee, id, { status: 'resolved' });
    const res = await t.http
      .get(`/api/v1/help-requests/${id}`)
      .set(bearer(cast.requester))
      .expect(200);
    expect(res.body.history).toEqual([
      expect.objectContaining({ action: 'created', actorId: cast.requester.id, toStatus: 'open' }),
      expect.objectContaining({
        action: 'assigned',
        actorId: cast.organizer.id,
        assigneeId: cast.assignee.id,
      }),
      expect.objectContaining({
        action: 'status',
        actorId: cast.assignee.id,
        fromStatus: 'open',
        toStatus: 'in_progress',
      }),
      expect.objectContaining({
        action: 'status',
        actorId: cast.assignee.id,
        fromStatus: 'in_progress',
        toStatus: 'resolved',
      }),
    ]);
    const times = res.body.history.map((h: { at: string }) => Date.parse(h.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('lets exactly one of a racing cancel and resolve win, with one history entry and one e-mail', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await requestIn(t.http, cast, 'in_progress');
      const mailsBefore = (await helpMails(t.db, id)).length;
      const results = await Promise.all([
        t.http
          .patch(`/api/v1/help-requests/${id}`)
          .set(bearer(cast.requester))
          .send({ status: 'cancelled' }),
        t.http
          .patch(`/api/v1/help-requests/${id}`)
          .set(bearer(cast.assignee))
          .send({ status: 'resolved' }),
        t.http
          .patch(`/api/v1/help-requests/${id}`)
          .set(bearer(cast.organizer))
          .send({ status: 'declined' }),
      ]);
      const codes = results.map((r) => r.status).sort();
      expect(codes).toEqual([200, 409, 409]);
      const terminal = await t.db.query<{ to_status: string }[]>(
        `SELECT to_status FROM help_request_history
          WHERE request_id = $1 AND from_status = 'in_progress'`,
        [id],
      );
      expect(terminal).toHaveLength(1);
      const [row] = await t.db.query<{ status: string }[]>(
        'SELECT status FROM help_requests WHERE id = $1',
        [id],
      );
      expect(row.status).toBe(terminal[0].to_status);
      expect(await helpMails(t.db, id)).toHaveLength(mailsBefore + 1);
    }
  });
});
