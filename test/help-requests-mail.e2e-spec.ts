import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, type TestUser } from './factories/index.js';
import {
  accommodationBody,
  createRequest,
  type HelpCast,
  helpCast,
  helpMails,
  type OutboxRow,
  patch,
  requestIn,
} from './utils/help-requests.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

/** Asserted on outbox rows (kind, recipient, language, data): the sending worker lands separately. */
describe('help request e-mails', () => {
  let t: TestApp;
  let cast: HelpCast;

  const newMails = async (id: string, action: () => Promise<unknown>) => {
    const before = (await helpMails(t.db, id)).length;
    await action();
    return (await helpMails(t.db, id)).slice(before);
  };
  const summary = (rows: OutboxRow[]) => rows.map((r) => [r.kind, r.userId, r.language]);
  const comment = (user: TestUser, id: string, body = 'Any news?') =>
    t.http
      .post(`/api/v1/help-requests/${id}/comments`)
      .set(bearer(user))
      .send({ body })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    await truncateAll(t.db);
    cast = await helpCast(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends nothing when a request is created', async () => {
    const id = await createRequest(t.http, cast);
    expect(await helpMails(t.db, id)).toEqual([]);
  });

  it('e-mails the assignee, in Kazakh, once when assigned', async () => {
    const id = await createRequest(t.http, cast);
    const rows = await newMails(id, () =>
      patch(t.http, cast.organizer, id, { assigneeId: cast.assignee.id }),
    );
    expect(summary(rows)).toEqual([['help_request_assigned', cast.assignee.id, 'kk']]);
    expect(rows[0].data).toMatchObject({
      requestId: id,
      requestType: 'ticket',
      groupName: 'Dimash&Dostar',
      actorName: 'Айгерим',
    });
    expect(rows[0].dedupeKey).toMatch(/^help_request_assigned:/);
  });

  it('e-mails the new assignee on a reassignment, and nobody when the assignee does not change', async () => {
    const id = await requestIn(t.http, cast, 'open');
    const rows = await newMails(id, async () => {
      await patch(t.http, cast.organizer, id, { assigneeId: cast.otherVolunteer.id });
      await patch(t.http, cast.organizer, id, { assigneeId: cast.otherVolunteer.id });
    });
    expect(summary(rows)).toEqual([['help_request_assigned', cast.otherVolunteer.id, 'ru']]);
  });

  it('does not e-mail an organizer who assigns the request to themselves', async () => {
    const id = await createRequest(t.http, cast);
    const rows = await newMails(id, () =>
      patch(t.http, cast.organizer, id, { assigneeId: cast.organizer.id }),
    );
    expect(rows).toEqual([]);
  });

  it('e-mails the requester, in Russian, once per status change, whoever makes it', async () => {
    const id = await requestIn(t.http, cast, 'open');
    const rows = await newMails(id, async () => {
      await patch(t.http, cast.assignee, id, { status: 'in_progress' });
      await patch(t.http, cast.organizer, id, { status: 'resolved' });
    });
    expect(summary(rows)).toEqual([
      ['help_request_status', cast.requester.id, 'ru'],
      ['help_request_status', cast.requester.id, 'ru'],
    ]);
    expect(rows.map((r) => [r.data.fromStatus, r.data.toStatus, r.data.actorName])).toEqual([
      ['open', 'in_progress', cast.assignee.displayName],
      ['in_progress', 'resolved', 'Айгерим'],
    ]);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(2);
  });

  it('e-mails the requester about a decline and about their own cancellation', async () => {
    const declined = await requestIn(t.http, cast, 'open');
    const a = await newMails(declined, () =>
      patch(t.http, cast.organizer, declined, { status: 'declined' }),
    );
    expect(summary(a)).toEqual([['help_request_status', cast.requester.id, 'ru']]);
    const cancelled = await requestIn(t.http, cast, 'in_progress');
    const b = await newMails(cancelled, () =>
      patch(t.http, cast.requester, cancelled, { status: 'cancelled' }),
    );
    expect(summary(b)).toEqual([['help_request_status', cast.requester.id, 'ru']]);
  });

  it('sends one e-mail to each party when an organizer assigns and starts in one call', async () => {
    const id = await createRequest(t.http, cast);
    const rows = await newMails(id, () =>
      patch(t.http, cast.organizer, id, { assigneeId: cast.assignee.id, status: 'in_progress' }),
    );
    expect(summary(rows).sort()).toEqual(
      [
        ['help_request_assigned', cast.assignee.id, 'kk'],
        ['help_request_status', cast.requester.id, 'ru'],
      ].sort(),
    );
  });

  it('sends nothing for a refused change', async () => {
    const id = await requestIn(t.http, cast, 'resolved');
    const rows = await newMails(id, async () => {
      await patch(t.http, cast.requester, id, { status: 'cancelled' }, 409);
      await patch(t.http, cast.organizer, id, { assigneeId: cast.otherVolunteer.id }, 409);
      await patch(t.http, cast.stranger, id, { status: 'declined' }, 404);
    });
    expect(rows).toEqual([]);
  });

  describe('comments', () => {
    it('e-mails the requester about a comment by the organizer or the assignee', async () => {
      const id = await requestIn(t.http, cast, 'in_progress');
      const rows = await newMails(id, async () => {
        await comment(cast.organizer, id);
        await comment(cast.assignee, id);
      });
      expect(summary(rows)).toEqual([
        ['help_request_comment', cast.requester.id, 'ru'],
        ['help_request_comment', cast.requester.id, 'ru'],
      ]);
      expect(rows[1].data).toMatchObject({ requestId: id, authorName: cast.assignee.displayName });
    });

    it("e-mails the assignee, not the requester, about the requester's comment", async () => {
      const id = await requestIn(t.http, cast, 'in_progress');
      const rows = await newMails(id, () => comment(cast.requester, id));
      expect(summary(rows)).toEqual([['help_request_comment', cast.assignee.id, 'kk']]);
    });

    it("sends nothing for the requester's comment while nobody is assigned", async () => {
      const id = await createRequest(t.http, cast);
      expect(await newMails(id, () => comment(cast.requester, id))).toEqual([]);
    });
  });

  it('keeps the personal details of a request out of every e-mail payload', async () => {
    const id = await createRequest(
      t.http,
      cast,
      accommodationBody({ message: 'Private: my phone is +7 701 000 00 00' }),
    );
    await patch(t.http, cast.organizer, id, {
      assigneeId: cast.assignee.id,
      status: 'in_progress',
    });
    await comment(cast.assignee, id, 'Secret address: Kabanbay batyr 53');
    await comment(cast.requester, id, 'Thanks!');
    const rows = await helpMails(t.db, id);
    expect(rows).toHaveLength(4);
    const payloads = JSON.stringify(rows.map((r) => r.data));
    for (const secret of [
      '+7 701',
      'Kabanbay',
      'Thanks!',
      '2026-06-25',
      '2026-06-28',
      '60.5',
      'EUR',
    ]) {
      expect(payloads).not.toContain(secret);
    }
  });
});
