import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  bearer,
  createGroup,
  setRole,
  signup,
  type TestGroup,
  type TestUser,
} from './factories/index.js';
import type { Json } from './utils/events.js';
import { ticketBody } from './utils/help-requests.js';
import { memberSpeaking } from './utils/hosting.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

describe('routing help by language', () => {
  let t: TestApp;
  let group: TestGroup;
  let aiko: TestUser;
  let kenji: TestUser;
  let olga: TestUser;
  let jaMember: TestUser;
  let requester: TestUser;

  const api = (path: string) => `/api/v1${path}`;
  const ask = async (who: TestUser, groupId = group.id) => {
    const res = await t.http
      .post(api(`/fan-groups/${groupId}/help-requests`))
      .set(bearer(who))
      .send(ticketBody());
    expect(res.status).toBe(201);
    return res.body;
  };
  const autoAssign = (on: boolean) =>
    t.http
      .patch(api(`/fan-groups/${group.id}`))
      .set(bearer(group.organizer))
      .send({ autoAssignHelp: on })
      .expect(200);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    t.smtp.clear();
    group = await createGroup(t.http);
    aiko = await memberSpeaking(t.http, group, ['ja', 'en'], {
      displayName: 'Aiko',
      role: 'volunteer',
    });
    kenji = await memberSpeaking(t.http, group, ['ja'], {
      displayName: 'Kenji',
      role: 'volunteer',
      language: 'ru',
    });
    olga = await memberSpeaking(t.http, group, ['ru'], { displayName: 'Olga', role: 'organizer' });
    // Speaks Japanese but is a plain member: never suggested, never assigned.
    jaMember = await memberSpeaking(t.http, group, ['ja'], { displayName: 'Akira' });
    requester = await memberSpeaking(t.http, group, ['ja'], { displayName: '佐藤さくら' });
  });

  it('suggests the volunteers and organizers who speak the requester’s language, fewest open requests first', async () => {
    const first = await ask(requester);
    await t.http
      .patch(api(`/help-requests/${first.id}`))
      .set(bearer(group.organizer))
      .send({ assigneeId: aiko.id })
      .expect(200);
    const second = await ask(requester);
    const ruSpeaker = await memberSpeaking(t.http, group, ['ru', 'kk']);
    const russian = await ask(ruSpeaker);
    const inbox = await t.http
      .get(api(`/fan-groups/${group.id}/help-requests`))
      .set(bearer(group.organizer))
      .expect(200);
    const byId = Object.fromEntries(inbox.body.items.map((r: Json) => [r.id, r]));
    expect(byId[second.id].suggestedAssignees).toEqual([
      {
        id: kenji.id,
        displayName: 'Kenji',
        role: 'volunteer',
        sharedLanguages: ['ja'],
        openAssignments: 0,
      },
      {
        id: aiko.id,
        displayName: 'Aiko',
        role: 'volunteer',
        sharedLanguages: ['ja'],
        openAssignments: 1,
      },
    ]);
    expect(byId[russian.id].suggestedAssignees.map((s: Json) => s.id)).toEqual([olga.id]);
    expect(byId[second.id].requester.spokenLanguages).toEqual(['ja']);
  });

  it('leaves requests unassigned while the group has not turned auto-assignment on', async () => {
    const req = await ask(requester);
    expect(req.assigneeId).toBeNull();
  });

  it('auto-assigns new requests to speakers of the language, spreading them, and e-mails each assignee', async () => {
    const group1 = await autoAssign(true);
    expect(group1.body.autoAssignHelp).toBe(true);
    const assignees: string[] = [];
    for (let i = 0; i < 4; i++) assignees.push((await ask(requester)).assigneeId);
    expect(assignees.sort()).toEqual([aiko.id, aiko.id, kenji.id, kenji.id].sort());
    expect(assignees).not.toContain(jaMember.id);
    const req = await ask(requester);
    const detail = await t.http
      .get(api(`/help-requests/${req.id}`))
      .set(bearer(req.assigneeId === aiko.id ? aiko : kenji))
      .expect(200);
    expect(detail.body.history.map((h: Json) => [h.action, h.actorId])).toEqual([
      ['created', requester.id],
      ['assigned', null],
    ]);
    // Kenji reads Russian: the usual assignment e-mail, naming the group.
    const [mail] = await t.smtp.waitFor((m) => m.subject === 'Вам назначен запрос о билетах');
    expect(mail.text).toContain('Dimash&Dostar');
  });

  it('spreads requests made at the same moment evenly among the speakers', async () => {
    await autoAssign(true);
    const askers = await Promise.all(
      Array.from({ length: 3 }, () => memberSpeaking(t.http, group, ['ja'])),
    );
    const made = await Promise.all(askers.flatMap((a) => [ask(a), ask(a)]));
    const counts = new Map<string, number>();
    for (const r of made) counts.set(r.assigneeId, (counts.get(r.assigneeId) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ [aiko.id]: 3, [kenji.id]: 3 });
  });

  it('never assigns anyone who is not a volunteer or organizer of the group, nor the requester', async () => {
    await autoAssign(true);
    // Kenji steps down; Aiko asks for help herself; a Japanese speaker elsewhere is no helper.
    await setRole(t.http, group.organizer, group.id, kenji.id, 'member');
    const outsider = await signup(t.http);
    await t.http
      .patch(api('/me'))
      .set(bearer(outsider))
      .send({ spokenLanguages: ['ja'] })
      .expect(200);
    const own = await ask(aiko);
    expect(own.assigneeId).toBeNull();
    const other = await ask(requester);
    expect(other.assigneeId).toBe(aiko.id);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM help_requests h
        WHERE h.assignee_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM group_memberships m WHERE m.group_id = h.group_id
             AND m.user_id = h.assignee_id AND m.role IN ('volunteer', 'organizer'))`,
    );
    expect(n).toBe(0);
  });

  it('leaves the request unassigned when nobody speaks the requester’s languages', async () => {
    await autoAssign(true);
    const german = await memberSpeaking(t.http, group, ['de']);
    expect((await ask(german)).assigneeId).toBeNull();
    const silent = await memberSpeaking(t.http, group, []);
    expect((await ask(silent)).assigneeId).toBeNull();
  });

  it('takes autoAssignHelp from organizers only and refuses a non-boolean', async () => {
    await t.http
      .patch(api(`/fan-groups/${group.id}`))
      .set(bearer(aiko))
      .send({ autoAssignHelp: true })
      .expect(403);
    for (const autoAssignHelp of [null, 'yes', 1]) {
      await t.http
        .patch(api(`/fan-groups/${group.id}`))
        .set(bearer(group.organizer))
        .send({ autoAssignHelp })
        .expect(400);
    }
    const res = await t.http.get(api(`/fan-groups/${group.id}`)).expect(200);
    expect(res.body.autoAssignHelp).toBe(false);
  });
});
