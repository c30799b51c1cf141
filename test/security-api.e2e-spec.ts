import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PREPARTY } from './utils/events.js';
import { ticketBody } from './utils/help-requests.js';
import {
  buildWorld,
  caller,
  type Exchange,
  type Fixture,
  forgeToken,
  HELMET,
  helmetHeaders,
  type Role,
  type World,
} from './utils/security.js';
import { snapshot } from './utils/db-snapshot.js';
import { startTestApp, truncateAll, type TestApp } from './utils/test-app.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

interface MassCase {
  field: string;
  role: Role;
  method: Method;
  path: (f: Fixture, w: World) => string;
  body: (f: Fixture, w: World) => Record<string, unknown>;
}

const event = (extra: Record<string, unknown>) => () => ({ ...PREPARTY, capacity: 5, ...extra });
const task = (extra: Record<string, unknown>) => () => ({
  title: 'Place LED sticks',
  startsAt: '2026-06-26T06:00:00Z',
  endsAt: '2026-06-26T07:00:00Z',
  volunteersNeeded: 2,
  ...extra,
});

const group = (f: Fixture) => `/api/v1/fan-groups/${f.groupId}`;
const ev = (f: Fixture) => `/api/v1/events/${f.eventId}`;
const help = (f: Fixture) => `/api/v1/help-requests/${f.requestId}`;
const tsk = (f: Fixture) => `/api/v1/tasks/${f.taskId}`;

/** Fields a caller may not set, sent where the caller may otherwise act. */
const MASS: MassCase[] = [
  {
    field: 'role',
    role: 'member',
    method: 'patch',
    path: () => '/api/v1/me',
    body: () => ({ role: 'organizer' }),
  },
  {
    field: 'email',
    role: 'member',
    method: 'patch',
    path: () => '/api/v1/me',
    body: () => ({ email: 'x@leak.example' }),
  },
  {
    field: 'passwordHash',
    role: 'member',
    method: 'patch',
    path: () => '/api/v1/me',
    body: () => ({ passwordHash: 'x' }),
  },
  {
    field: 'id',
    role: 'stranger',
    method: 'post',
    path: () => '/api/v1/fan-groups',
    body: () => ({ name: 'Mine', id: '00000000-0000-4000-8000-000000000001' }),
  },
  {
    field: 'role',
    role: 'stranger',
    method: 'post',
    path: () => '/api/v1/fan-groups',
    body: () => ({ name: 'Mine', role: 'member' }),
  },
  {
    field: 'slug',
    role: 'organizer',
    method: 'patch',
    path: group,
    body: () => ({ slug: 'taken' }),
  },
  {
    field: 'memberCount',
    role: 'organizer',
    method: 'patch',
    path: group,
    body: () => ({ memberCount: 1000 }),
  },
  {
    field: 'role (join)',
    role: 'stranger',
    method: 'post',
    path: (f) => `${group(f)}/join`,
    body: () => ({ role: 'organizer' }),
  },
  {
    field: 'userId (join)',
    role: 'stranger',
    method: 'post',
    path: (f) => `${group(f)}/join`,
    body: (_f, w) => ({ userId: w.users.otherOrganizer.id }),
  },
  {
    field: 'userId',
    role: 'organizer',
    method: 'put',
    path: (f, w) => `${group(f)}/members/${w.users.member.id}`,
    body: (_f, w) => ({ role: 'member', userId: w.users.stranger.id }),
  },
  {
    field: 'groupId',
    role: 'organizer',
    method: 'put',
    path: (f, w) => `${group(f)}/members/${w.users.member.id}`,
    body: (f) => ({ role: 'member', groupId: f.otherGroupId }),
  },
  {
    field: 'status',
    role: 'organizer',
    method: 'post',
    path: (f) => `${group(f)}/events`,
    body: event({ status: 'published' }),
  },
  {
    field: 'confirmedCount',
    role: 'organizer',
    method: 'post',
    path: (f) => `${group(f)}/events`,
    body: event({ confirmedCount: 3 }),
  },
  {
    field: 'groupId',
    role: 'organizer',
    method: 'post',
    path: (f) => `${group(f)}/events`,
    body: (f) => ({ ...PREPARTY, capacity: 5, groupId: f.otherGroupId }),
  },
  {
    field: 'status',
    role: 'organizer',
    method: 'patch',
    path: ev,
    body: () => ({ status: 'cancelled' }),
  },
  {
    field: 'confirmedCount',
    role: 'organizer',
    method: 'patch',
    path: ev,
    body: () => ({ confirmedCount: 0 }),
  },
  {
    field: 'id',
    role: 'organizer',
    method: 'patch',
    path: ev,
    body: () => ({ id: '00000000-0000-4000-8000-000000000001' }),
  },
  {
    field: 'status (publish)',
    role: 'organizer',
    method: 'post',
    path: (f) => `/api/v1/events/${f.draftEventId}/publish`,
    body: () => ({ status: 'cancelled' }),
  },
  {
    field: 'capacity (cancel)',
    role: 'organizer',
    method: 'post',
    path: (f) => `${ev(f)}/cancel`,
    body: () => ({ capacity: 1 }),
  },
  {
    field: 'status',
    role: 'stranger',
    method: 'post',
    path: (f) => `${ev(f)}/registrations`,
    body: () => ({ status: 'confirmed' }),
  },
  {
    field: 'userId',
    role: 'stranger',
    method: 'post',
    path: (f) => `${ev(f)}/registrations`,
    body: (_f, w) => ({ userId: w.users.member.id }),
  },
  {
    field: 'checkInCode',
    role: 'stranger',
    method: 'post',
    path: (f) => `${ev(f)}/registrations`,
    body: () => ({ checkInCode: 'AAAAAAAAAAAAAAAAAAAAAAAAAA' }),
  },
  {
    field: 'capacity',
    role: 'stranger',
    method: 'post',
    path: (f) => `${ev(f)}/registrations`,
    body: () => ({ capacity: 1000 }),
  },
  {
    field: 'id',
    role: 'stranger',
    method: 'post',
    path: (f) => `${ev(f)}/registrations`,
    body: () => ({ id: '00000000-0000-4000-8000-000000000001' }),
  },
  {
    field: 'status (cancel registration)',
    role: 'requester',
    method: 'post',
    path: (f) => `/api/v1/registrations/${f.registrationId}/cancel`,
    body: () => ({ status: 'confirmed' }),
  },
  {
    field: 'registrationId',
    role: 'volunteer',
    method: 'post',
    path: (f) => `${ev(f)}/check-ins`,
    body: (f) => ({ code: f.code, registrationId: f.registrationId }),
  },
  {
    field: 'status',
    role: 'stranger',
    method: 'post',
    path: (f) => `${group(f)}/help-requests`,
    body: () => ticketBody({ status: 'resolved' }),
  },
  {
    field: 'requesterId',
    role: 'stranger',
    method: 'post',
    path: (f) => `${group(f)}/help-requests`,
    body: (_f, w) => ticketBody({ requesterId: w.users.member.id }),
  },
  {
    field: 'assigneeId',
    role: 'stranger',
    method: 'post',
    path: (f) => `${group(f)}/help-requests`,
    body: (_f, w) => ticketBody({ assigneeId: w.users.volunteer.id }),
  },
  {
    field: 'groupId',
    role: 'stranger',
    method: 'post',
    path: (f) => `${group(f)}/help-requests`,
    body: (f) => ticketBody({ groupId: f.otherGroupId }),
  },
  {
    field: 'id',
    role: 'stranger',
    method: 'post',
    path: (f) => `${group(f)}/help-requests`,
    body: () => ticketBody({ id: '00000000-0000-4000-8000-000000000001' }),
  },
  {
    field: 'requesterId',
    role: 'organizer',
    method: 'patch',
    path: help,
    body: (_f, w) => ({ status: 'in_progress', requesterId: w.users.member.id }),
  },
  {
    field: 'groupId',
    role: 'organizer',
    method: 'patch',
    path: help,
    body: (f) => ({ groupId: f.otherGroupId }),
  },
  {
    field: 'authorId',
    role: 'requester',
    method: 'post',
    path: (f) => `${help(f)}/comments`,
    body: (_f, w) => ({ body: 'hi', authorId: w.users.organizer.id }),
  },
  {
    field: 'requestId',
    role: 'requester',
    method: 'post',
    path: (f) => `${help(f)}/comments`,
    body: (f) => ({ body: 'hi', requestId: f.requestId }),
  },
  {
    field: 'status',
    role: 'organizer',
    method: 'post',
    path: (f) => `${ev(f)}/tasks`,
    body: task({ status: 'done' }),
  },
  {
    field: 'assignedCount',
    role: 'organizer',
    method: 'post',
    path: (f) => `${ev(f)}/tasks`,
    body: task({ assignedCount: 2 }),
  },
  {
    field: 'eventId',
    role: 'organizer',
    method: 'post',
    path: (f) => `${ev(f)}/tasks`,
    body: task({ eventId: '00000000-0000-4000-8000-000000000001' }),
  },
  {
    field: 'assignedCount',
    role: 'organizer',
    method: 'patch',
    path: tsk,
    body: () => ({ assignedCount: 0 }),
  },
  {
    field: 'status',
    role: 'organizer',
    method: 'patch',
    path: tsk,
    body: () => ({ status: 'done' }),
  },
  {
    field: 'role',
    role: 'organizer',
    method: 'post',
    path: (f) => `${tsk(f)}/assignments`,
    body: (_f, w) => ({ userId: w.users.volunteer.id, role: 'organizer' }),
  },
  {
    field: 'userId (sign-up)',
    role: 'volunteer',
    method: 'post',
    path: (f) => `${tsk(f)}/sign-up`,
    body: (_f, w) => ({ userId: w.users.member.id }),
  },
  {
    field: 'status (complete)',
    role: 'assignee',
    method: 'post',
    path: (f) => `${tsk(f)}/complete`,
    body: () => ({ status: 'open' }),
  },
];

// Path templates for test names: every fixture id reads as its name.
const NAMES = new Proxy({}, { get: (_t, key) => `:${String(key)}` }) as Fixture;
const NAMED_WORLD = { users: new Proxy({}, { get: () => ({ id: ':userId' }) }) } as World;

describe('API security', () => {
  let t: TestApp;
  let world: World;
  const log: Exchange[] = [];
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    t = await startTestApp();
    await truncateAll(t.db);
    world = await buildWorld(t.http);
    call = caller(world, log);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  }, 30_000);

  describe('mass assignment', () => {
    for (const c of MASS) {
      const route = `${c.method.toUpperCase()} ${c.path(NAMES, NAMED_WORLD).replace('/api/v1', '')}`;
      it(`refuses ${c.field} from the ${c.role} on ${route} with 400, changing nothing`, async () => {
        const before = await snapshot(t.db);
        const res = await call(
          c.role,
          c.method,
          c.path(world.fixture, world),
          c.body(world.fixture, world),
        );
        expect({ status: res.status, body: res.body }).toEqual({
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', message: expect.anything() },
        });
        expect(await snapshot(t.db)).toEqual(before);
      });
    }

    it('still accepts an empty body on routes that take none', async () => {
      const fresh = await world.fresh.task(false);
      await call('volunteer', 'post', `/api/v1/tasks/${fresh.taskId}/sign-up`, {}).then((r) =>
        expect(r.status).toBe(201),
      );
      const other = await world.fresh.group();
      await call('stranger', 'post', `/api/v1/fan-groups/${other.groupId}/join`).then((r) =>
        expect(r.status).toBe(201),
      );
    });
  });

  describe('idempotency keys', () => {
    it("are per user: another user's request with the same key never replays someone's answer", async () => {
      const { eventId } = await world.fresh.event(true);
      const send = (role: 'member' | 'stranger') =>
        t.http
          .post(`/api/v1/events/${eventId}/registrations`)
          .set('Authorization', `Bearer ${world.users[role].token}`)
          .set('Idempotency-Key', 'same-key-for-everyone')
          .send({});
      const first = await send('member');
      const second = await send('stranger');
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.userId).toBe(world.users.stranger.id);
      expect(second.body.id).not.toBe(first.body.id);
      expect(second.text).not.toContain(first.body.checkInCode);
    });
  });

  describe('tokens on feature routes', () => {
    // The token rules themselves are tested on /me in auth.e2e-spec.ts ("access tokens"); here
    // the same forgeries are tried on routes of every feature, which share the global guard.
    const secret = process.env.JWT_SECRET!;
    const now = () => Math.floor(Date.now() / 1000);
    const forged = (sub: string) => ({
      'alg: none': forgeToken({ sub, exp: now() + 600 }, null),
      'wrong key': forgeToken({ sub, exp: now() + 600 }, 'another-secret-another-secret-0123'),
      expired: forgeToken({ sub, iat: now() - 7200, exp: now() - 3600 }, secret),
      malformed: 'not.a.jwt',
    });
    const routes: [Method, (f: Fixture) => string, unknown?][] = [
      ['post', (f) => `${ev(f)}/registrations`, {}],
      ['get', (f) => `${ev(f)}/registrations`],
      ['get', help],
      ['patch', tsk, { location: 'Gate 1' }],
      ['get', (f) => `${group(f)}/members`],
    ];

    it('answers 401 to alg: none, a wrong key, an expired and a malformed token', async () => {
      const before = await snapshot(t.db);
      const tokens = forged(world.users.organizer.id);
      // The genuine token passes where the forgeries fail: the routes are not simply closed.
      const good = forgeToken({ sub: world.users.organizer.id, exp: now() + 600 }, secret);
      expect(
        (await t.http.get(`${group(world.fixture)}/members`).set('Authorization', `Bearer ${good}`))
          .status,
      ).toBe(200);
      for (const [method, path, body] of routes) {
        for (const [kind, token] of Object.entries(tokens)) {
          const req = t.http[method](path(world.fixture)).set('Authorization', `Bearer ${token}`);
          const res = body === undefined ? await req : await req.send(body as object);
          expect({ route: `${method} ${path(NAMES)}`, kind, status: res.status }).toEqual({
            route: `${method} ${path(NAMES)}`,
            kind,
            status: 401,
          });
          expect(res.body).toEqual({
            statusCode: 401,
            error: 'Unauthorized',
            message: expect.any(String),
          });
        }
      }
      expect(await snapshot(t.db)).toEqual(before);
    });
  });

  describe('helmet headers', () => {
    // http-platform.e2e-spec.ts checks the header values on two routes; here every route
    // family, successes and errors alike (the 429 is in security-limits.e2e-spec.ts).
    it('are on every route family, errors included', async () => {
      const f = world.fixture;
      const calls: [Role, Method, string, unknown?][] = [
        ['anonymous', 'get', '/health'],
        ['anonymous', 'get', '/docs-json'],
        [
          'anonymous',
          'post',
          '/api/v1/auth/login',
          { email: 'x@leak.example', password: 'wrong password' },
        ],
        ['anonymous', 'post', '/api/v1/auth/signup', { email: 'bad' }],
        ['member', 'get', '/api/v1/me'],
        ['member', 'get', '/api/v1/me/export'],
        ['anonymous', 'get', '/api/v1/fan-groups'],
        ['stranger', 'get', `${group(f)}/members`],
        ['anonymous', 'get', `/api/v1/events/${f.draftEventId}`],
        ['anonymous', 'post', `${ev(f)}/registrations`, {}],
        ['organizer', 'get', `${ev(f)}/registrations.csv`],
        ['member', 'post', `${ev(f)}/check-ins`, { code: f.code }],
        ['stranger', 'get', help(f)],
        ['requester', 'get', `${help(f)}/comments`],
        ['member', 'patch', tsk(f), { title: 'x' }],
        ['assignee', 'get', '/api/v1/me/tasks'],
        ['organizer', 'get', '/api/v1/events/not-a-uuid'],
        ['organizer', 'get', '/api/v1/nowhere'],
      ];
      const statuses = new Set<number>();
      for (const [role, method, path, body] of calls) {
        const res = await call(role, method, path, body);
        statuses.add(res.status);
        expect({ path, headers: helmetHeaders(res) }).toEqual({ path, headers: HELMET });
      }
      expect([...statuses].sort()).toEqual([200, 400, 401, 403, 404]);
      const malformed = await t.http
        .post(`${ev(f)}/registrations`)
        .set('Authorization', `Bearer ${world.users.member.token}`)
        .set('content-type', 'application/json')
        .send('{"note":');
      expect(malformed.status).toBe(400);
      expect(helmetHeaders(malformed)).toEqual(HELMET);
    });
  });
});
