import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  bearer,
  createGroup,
  setRole,
  signup,
  type TestGroup,
  type TestUser,
} from './factories/index.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

const GROUPS = '/api/v1/fan-groups';

describe('fan groups', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
  });

  async function roles(groupId: string): Promise<Record<string, string>> {
    const rows = await t.db.query<{ user_id: string; role: string }[]>(
      'SELECT user_id, role FROM group_memberships WHERE group_id = $1',
      [groupId],
    );
    return Object.fromEntries(rows.map((r) => [r.user_id, r.role]));
  }

  /** Waits until `count` sessions of the test database are blocked on a lock. */
  async function waitForLockWaiters(count: number): Promise<void> {
    for (;;) {
      const [row] = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (row.n >= count) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function create(user: TestUser, body: Record<string, unknown>) {
    return t.http.post(GROUPS).set(bearer(user)).send(body);
  }

  describe('create', () => {
    it('creates the group and makes the creator its organizer', async () => {
      const aigerim = await signup(t.http, { displayName: 'Айгерим' });
      const res = await create(aigerim, {
        name: 'Dimash&Dostar',
        description: 'Fans of Dimash in Astana',
        country: 'KZ',
        city: 'Astana',
        languages: ['kk', 'ru', 'en'],
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'Dimash&Dostar',
        slug: 'dimash-dostar',
        description: 'Fans of Dimash in Astana',
        country: 'KZ',
        city: 'Astana',
        languages: ['kk', 'ru', 'en'],
        autoAssignHelp: false,
        memberCount: 1,
        createdAt: expect.any(String),
        // The creator organizes the group: every language's texts and the original ones.
        translations: {},
        original: { name: 'Dimash&Dostar', description: 'Fans of Dimash in Astana' },
      });
      expect(await roles(res.body.id)).toEqual({ [aigerim.id]: 'organizer' });
    });

    it('keeps Cyrillic and CJK names in the slug', async () => {
      const user = await signup(t.http);
      const ru = await create(user, { name: 'Сарыарқа фан-клубы' });
      expect(ru.status).toBe(201);
      expect(ru.body.slug).toBe('сарыарқа-фан-клубы');
      const jp = await create(user, { name: 'ディマシュ・ジャパン' });
      expect(jp.body.slug).toBe('ディマシュ-ジャパン');
    });

    it('gives a second group with the same name another slug', async () => {
      const user = await signup(t.http);
      const first = await create(user, { name: 'Алматы фан-клуб' });
      const second = await create(user, { name: 'Алматы Фан Клуб' });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(first.body.slug).toBe('алматы-фан-клуб');
      expect(second.body.slug).not.toBe(first.body.slug);
      expect(second.body.slug).toMatch(/^алматы-фан-клуб-[0-9a-f]+$/);
    });

    it('gives every one of many simultaneous same-name groups its own slug', async () => {
      const user = await signup(t.http);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => create(user, { name: 'PreParty' })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
      const slugs = new Set(results.map((r) => r.body.slug as string));
      expect(slugs.size).toBe(6);
    });

    it('answers anonymous callers with 401', async () => {
      const res = await t.http.post(GROUPS).send({ name: 'X' }).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it.each([
      ['a missing name', {}],
      ['a blank name', { name: '  ' }],
      ['an overlong name', { name: 'n'.repeat(121) }],
      ['a lower-case country', { name: 'X', country: 'kz' }],
      ['an unsupported language', { name: 'X', languages: ['de'] }],
      ['duplicate languages', { name: 'X', languages: ['kk', 'kk'] }],
      ['an unknown field', { name: 'X', slug: 'mine' }],
      ['a NUL byte', { name: 'X\u0000' }],
    ])('refuses %s with 400', async (_what, body) => {
      const user = await signup(t.http);
      const res = await create(user, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(await t.db.query('SELECT 1 FROM fan_groups')).toHaveLength(0);
    });
  });

  describe('public list', () => {
    let owner: TestUser;
    beforeEach(async () => {
      owner = await signup(t.http);
      for (const [name, city] of [
        ['Dimash&Dostar', 'Astana'],
        ['Dears Almaty', 'Almaty'],
        ['Dears Japan', 'Tokyo'],
        ['100% Dears', 'Berlin'],
        ['Dears_US', 'New York'],
        ['Сарыарқа фан-клубы', 'Караганда'],
      ]) {
        expect((await create(owner, { name, city })).status).toBe(201);
      }
    });

    it('lists groups to anonymous callers, paged, with the total', async () => {
      const res = await t.http.get(`${GROUPS}?limit=2&offset=1`).expect(200);
      expect(res.body.total).toBe(6);
      expect(res.body.limit).toBe(2);
      expect(res.body.offset).toBe(1);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.items[0]).toMatchObject({ memberCount: 1 });
      expect(res.body.items[0]).not.toHaveProperty('members');
    });

    it('pages through every group exactly once', async () => {
      const seen: string[] = [];
      for (let offset = 0; offset < 6; offset += 4) {
        const res = await t.http.get(`${GROUPS}?limit=4&offset=${offset}`).expect(200);
        seen.push(...res.body.items.map((g: { id: string }) => g.id));
      }
      expect(new Set(seen).size).toBe(6);
      const beyond = await t.http.get(`${GROUPS}?offset=50`).expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: 6 });
    });

    it('searches name and city case-insensitively', async () => {
      const byName = await t.http.get(`${GROUPS}?search=DEARS`).expect(200);
      expect(byName.body.total).toBe(4);
      const byCity = await t.http.get(`${GROUPS}?search=astana`).expect(200);
      expect(byCity.body.items.map((g: { name: string }) => g.name)).toEqual(['Dimash&Dostar']);
      const cyrillic = await t.http
        .get(`${GROUPS}?search=${encodeURIComponent('САРЫАРҚА')}`)
        .expect(200);
      expect(cyrillic.body.total).toBe(1);
      const cyrillicCity = await t.http
        .get(`${GROUPS}?search=${encodeURIComponent('караг')}`)
        .expect(200);
      expect(cyrillicCity.body.total).toBe(1);
    });

    it('treats % and _ in the search as plain characters', async () => {
      const percent = await t.http.get(`${GROUPS}?search=${encodeURIComponent('%')}`).expect(200);
      expect(percent.body.items.map((g: { name: string }) => g.name)).toEqual(['100% Dears']);
      const underscore = await t.http.get(`${GROUPS}?search=_`).expect(200);
      expect(underscore.body.items.map((g: { name: string }) => g.name)).toEqual(['Dears_US']);
      const backslash = await t.http
        .get(`${GROUPS}?search=${encodeURIComponent('\\')}`)
        .expect(200);
      expect(backslash.body.total).toBe(0);
    });

    it('counts only the matches in the total of a search', async () => {
      const res = await t.http.get(`${GROUPS}?search=dears&limit=1`).expect(200);
      expect(res.body).toMatchObject({ total: 4, limit: 1, offset: 0 });
      expect(res.body.items).toHaveLength(1);
    });

    it('refuses an overlong or repeated search with 400', async () => {
      await t.http.get(`${GROUPS}?search=${'x'.repeat(101)}`).expect(400);
      await t.http.get(`${GROUPS}?search=a&search=b`).expect(400);
    });
  });

  describe('detail and update', () => {
    let g: TestGroup;
    beforeEach(async () => {
      g = await createGroup(t.http);
    });

    it('shows a group to anyone with its member count', async () => {
      const res = await t.http.get(`${GROUPS}/${g.id}`).expect(200);
      expect(res.body).toMatchObject({ id: g.id, name: 'Dimash&Dostar', memberCount: 3 });
    });

    it('lets an organizer update the group partially', async () => {
      const res = await t.http
        .patch(`${GROUPS}/${g.id}`)
        .set(bearer(g.organizer))
        .send({ description: 'World Fan Groups PreParty', city: 'Астана' })
        .expect(200);
      expect(res.body).toMatchObject({
        name: 'Dimash&Dostar',
        description: 'World Fan Groups PreParty',
        city: 'Астана',
        country: 'KZ',
        memberCount: 3,
      });
    });

    it('lets an organizer clear the optional fields with null', async () => {
      const res = await t.http
        .patch(`${GROUPS}/${g.id}`)
        .set(bearer(g.organizer))
        .send({ description: null, city: null, country: null })
        .expect(200);
      expect(res.body).toMatchObject({ description: null, city: null, country: null });
    });

    it.each([
      ['a null name', { name: null }],
      ['null languages', { languages: null }],
      ['a blank name', { name: '' }],
      ['an unknown field', { slug: 'x' }],
      ['a lower-case country', { country: 'kz' }],
    ])('refuses %s with 400 and changes nothing', async (_what, body) => {
      const res = await t.http.patch(`${GROUPS}/${g.id}`).set(bearer(g.organizer)).send(body);
      expect(res.status).toBe(400);
      const after = await t.http.get(`${GROUPS}/${g.id}`).expect(200);
      expect(after.body).toMatchObject({
        name: 'Dimash&Dostar',
        country: 'KZ',
        languages: ['kk', 'ru', 'en'],
      });
    });

    it('refuses volunteers, members and strangers with 403', async () => {
      const stranger = await signup(t.http);
      for (const user of [g.volunteer, g.member, stranger]) {
        const res = await t.http
          .patch(`${GROUPS}/${g.id}`)
          .set(bearer(user))
          .send({ name: 'Hijacked' })
          .expect(403);
        expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      }
      const after = await t.http.get(`${GROUPS}/${g.id}`).expect(200);
      expect(after.body.name).toBe('Dimash&Dostar');
    });

    it('answers an unknown group with 404 and anonymous callers with 401', async () => {
      await t.http
        .patch(`${GROUPS}/${randomUUID()}`)
        .set(bearer(g.organizer))
        .send({ name: 'X' })
        .expect(404);
      await t.http.patch(`${GROUPS}/${g.id}`).send({ name: 'X' }).expect(401);
    });
  });

  describe('membership', () => {
    let g: TestGroup;
    beforeEach(async () => {
      g = await createGroup(t.http);
    });

    it('lets a user join as a member once', async () => {
      const fan = await signup(t.http);
      const res = await t.http.post(`${GROUPS}/${g.id}/join`).set(bearer(fan)).expect(201);
      expect(res.body).toEqual({ groupId: g.id, userId: fan.id, role: 'member' });
      const again = await t.http.post(`${GROUPS}/${g.id}/join`).set(bearer(fan)).expect(409);
      expect(again.body).toMatchObject({ statusCode: 409, code: 'ALREADY_MEMBER' });
      const organizerJoins = await t.http
        .post(`${GROUPS}/${g.id}/join`)
        .set(bearer(g.organizer))
        .expect(409);
      expect(organizerJoins.body.code).toBe('ALREADY_MEMBER');
      expect((await roles(g.id))[g.organizer.id]).toBe('organizer');
    });

    it('lets exactly one of simultaneous joins by one user succeed', async () => {
      const fan = await signup(t.http);
      const results = await Promise.all(
        Array.from({ length: 4 }, () => t.http.post(`${GROUPS}/${g.id}/join`).set(bearer(fan))),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    });

    it('answers joining an unknown group with 404 and anonymous joins with 401', async () => {
      const fan = await signup(t.http);
      await t.http.post(`${GROUPS}/${randomUUID()}/join`).set(bearer(fan)).expect(404);
      await t.http.post(`${GROUPS}/${g.id}/join`).expect(401);
    });

    it('shows members to members, without e-mails', async () => {
      const res = await t.http.get(`${GROUPS}/${g.id}/members`).set(bearer(g.member)).expect(200);
      expect(res.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(res.body.items).toEqual([
        { userId: g.organizer.id, displayName: 'Айгерим', country: 'KZ', role: 'organizer' },
        { userId: g.volunteer.id, displayName: 'Volunteer', country: 'KZ', role: 'volunteer' },
        { userId: g.member.id, displayName: 'Member', country: 'KZ', role: 'member' },
      ]);
      expect(JSON.stringify(res.body)).not.toContain('@');
    });

    it('pages the members list', async () => {
      const res = await t.http
        .get(`${GROUPS}/${g.id}/members?limit=1&offset=1`)
        .set(bearer(g.member))
        .expect(200);
      expect(res.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(res.body.items).toEqual([expect.objectContaining({ userId: g.volunteer.id })]);
    });

    it('hides the members list from strangers (403), anonymous callers (401), unknown group (404)', async () => {
      const stranger = await signup(t.http);
      await t.http.get(`${GROUPS}/${g.id}/members`).set(bearer(stranger)).expect(403);
      await t.http.get(`${GROUPS}/${g.id}/members`).expect(401);
      await t.http.get(`${GROUPS}/${randomUUID()}/members`).set(bearer(stranger)).expect(404);
    });
  });

  describe('roles', () => {
    let g: TestGroup;
    beforeEach(async () => {
      g = await createGroup(t.http);
    });

    const put = (actor: TestUser, groupId: string, userId: string, body: object) =>
      t.http.put(`${GROUPS}/${groupId}/members/${userId}`).set(bearer(actor)).send(body);

    it('lets an organizer add a user and change roles', async () => {
      const fan = await signup(t.http);
      const added = await put(g.organizer, g.id, fan.id, { role: 'volunteer' }).expect(200);
      expect(added.body).toEqual({ groupId: g.id, userId: fan.id, role: 'volunteer' });
      await put(g.organizer, g.id, g.member.id, { role: 'organizer' }).expect(200);
      expect(await roles(g.id)).toMatchObject({
        [fan.id]: 'volunteer',
        [g.member.id]: 'organizer',
      });
    });

    it('refuses volunteers, members and strangers with 403', async () => {
      const stranger = await signup(t.http);
      for (const actor of [g.volunteer, g.member, stranger]) {
        await put(actor, g.id, actor.id, { role: 'organizer' }).expect(403);
      }
      expect(await roles(g.id)).toEqual({
        [g.organizer.id]: 'organizer',
        [g.volunteer.id]: 'volunteer',
        [g.member.id]: 'member',
      });
    });

    it('answers an unknown user or group with 404', async () => {
      await put(g.organizer, g.id, randomUUID(), { role: 'member' }).expect(404);
      await put(g.organizer, randomUUID(), g.member.id, { role: 'member' }).expect(404);
    });

    it.each([[{ role: 'admin' }], [{}], [{ role: 'member', extra: 1 }], [{ role: null }]])(
      'refuses the body %j with 400',
      async (body) => {
        await put(g.organizer, g.id, g.member.id, body).expect(400);
        expect((await roles(g.id))[g.member.id]).toBe('member');
      },
    );

    it('never demotes the last organizer (409 LAST_ORGANIZER)', async () => {
      const res = await put(g.organizer, g.id, g.organizer.id, { role: 'member' }).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'LAST_ORGANIZER' });
      expect((await roles(g.id))[g.organizer.id]).toBe('organizer');
    });

    it('lets only one of two organizers demoting each other at once succeed', async () => {
      await setRole(t.http, g.organizer, g.id, g.volunteer.id, 'organizer');
      const [a, b] = await Promise.all([
        put(g.organizer, g.id, g.volunteer.id, { role: 'member' }),
        put(g.volunteer, g.id, g.organizer.id, { role: 'member' }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const organizers = Object.values(await roles(g.id)).filter((r) => r === 'organizer');
      expect(organizers).toHaveLength(1);
    });

    it('keeps one organizer when two organizers leave at once', async () => {
      await setRole(t.http, g.organizer, g.id, g.volunteer.id, 'organizer');
      const results = await Promise.all(
        [g.organizer, g.volunteer].map((u) =>
          t.http.delete(`${GROUPS}/${g.id}/members/${u.id}`).set(bearer(u)),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      const organizers = Object.values(await roles(g.id)).filter((r) => r === 'organizer');
      expect(organizers).toHaveLength(1);
    });

    it('checks the acting organizer under the group lock, not before it', async () => {
      const fan = await signup(t.http);
      await setRole(t.http, g.organizer, g.id, g.volunteer.id, 'organizer');
      // Hold the group's lock, let the second organizer's request pass its first checks and
      // queue behind it, then demote that organizer before releasing the lock.
      const runner = t.db.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query('SELECT 1 FROM fan_groups WHERE id = $1 FOR UPDATE', [g.id]);
        const pending = put(g.volunteer, g.id, fan.id, { role: 'organizer' }).then((r) => r);
        await waitForLockWaiters(1);
        await runner.query(
          `UPDATE group_memberships SET role = 'member' WHERE group_id = $1 AND user_id = $2`,
          [g.id, g.volunteer.id],
        );
        await runner.commitTransaction();
        expect((await pending).status).toBe(403);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
      expect((await roles(g.id))[fan.id]).toBeUndefined();
    });

    it('does not let an organizer who was just demoted act as one', async () => {
      const fan = await signup(t.http);
      await setRole(t.http, g.organizer, g.id, g.volunteer.id, 'organizer');
      await put(g.organizer, g.id, g.volunteer.id, { role: 'member' }).expect(200);
      await put(g.volunteer, g.id, fan.id, { role: 'organizer' }).expect(403);
      expect((await roles(g.id))[fan.id]).toBeUndefined();
    });
  });

  describe('leaving and removing', () => {
    let g: TestGroup;
    beforeEach(async () => {
      g = await createGroup(t.http);
    });

    const del = (actor: TestUser | null, groupId: string, userId: string) => {
      const req = t.http.delete(`${GROUPS}/${groupId}/members/${userId}`);
      return actor ? req.set(bearer(actor)) : req;
    };

    it('lets a member leave (204)', async () => {
      const res = await del(g.member, g.id, g.member.id).expect(204);
      expect(res.text).toBe('');
      expect((await roles(g.id))[g.member.id]).toBeUndefined();
      const detail = await t.http.get(`${GROUPS}/${g.id}`).expect(200);
      expect(detail.body.memberCount).toBe(2);
    });

    it('lets an organizer remove a member (204)', async () => {
      await del(g.organizer, g.id, g.volunteer.id).expect(204);
      expect((await roles(g.id))[g.volunteer.id]).toBeUndefined();
    });

    it('refuses a member or volunteer removing someone else with 403', async () => {
      await del(g.member, g.id, g.volunteer.id).expect(403);
      await del(g.volunteer, g.id, g.member.id).expect(403);
      const stranger = await signup(t.http);
      await del(stranger, g.id, g.member.id).expect(403);
      expect(Object.keys(await roles(g.id))).toHaveLength(3);
    });

    it('never lets the last organizer leave (409 LAST_ORGANIZER)', async () => {
      const res = await del(g.organizer, g.id, g.organizer.id).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'LAST_ORGANIZER' });
      expect((await roles(g.id))[g.organizer.id]).toBe('organizer');
    });

    it('lets an organizer leave while another organizer remains', async () => {
      await setRole(t.http, g.organizer, g.id, g.volunteer.id, 'organizer');
      await del(g.organizer, g.id, g.organizer.id).expect(204);
      expect(await roles(g.id)).toEqual({ [g.volunteer.id]: 'organizer', [g.member.id]: 'member' });
    });

    it('answers 404 for a non-member, an unknown group, 401 for anonymous callers', async () => {
      const stranger = await signup(t.http);
      await del(g.organizer, g.id, stranger.id).expect(404);
      await del(stranger, g.id, stranger.id).expect(404);
      await del(g.organizer, randomUUID(), g.member.id).expect(404);
      await del(null, g.id, g.member.id).expect(401);
      await del(g.organizer, g.id, 'not-a-uuid').expect(400);
    });
  });
});
