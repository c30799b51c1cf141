import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildWorld,
  caller,
  ERROR_KEYS,
  type Exchange,
  type Fixture,
  type Role,
  ROLES,
  type SessionMode,
  type World,
  webSessions,
} from './utils/security.js';
import { startTestApp, truncateAll, type TestApp } from './utils/test-app.js';
import { PREPARTY } from './utils/events.js';
import { ticketBody } from './utils/help-requests.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/**
 * One row per route taking an id: the exact status every role gets (API.md). `fresh` makes new
 * objects for each role when the call mutates, so one role's success never changes another's
 * answer.
 */
interface Row {
  route: string;
  method: Method;
  path: (f: Fixture) => string;
  body?: (f: Fixture, w: World) => unknown;
  fresh?: (w: World) => Promise<Partial<Fixture>>;
  expect: Record<Role, number>;
}

/** Organizer-only: everyone else who may see the object is 403. */
const organizerOnly = (ok: number, over: Partial<Record<Role, number>> = {}) =>
  expectAll(403, { organizer: ok, ...over });

function expectAll(base: number, over: Partial<Record<Role, number>> = {}): Record<Role, number> {
  return {
    ...(Object.fromEntries(ROLES.map((r) => [r, base])) as Record<Role, number>),
    anonymous: 401,
    ...over,
  };
}

// Another group's draft, someone else's help request or registration: 404, not 403.
const hidden = { stranger: 404, otherOrganizer: 404 };
const staffOnly = (ok: number) => ({ volunteer: ok, assignee: ok, organizer: ok });
const requestParties = (ok: number) =>
  expectAll(404, { requester: ok, assignee: ok, organizer: ok });

const taskBody = (title = 'Hang boards at the stadium') => ({
  title,
  startsAt: '2026-06-26T08:00:00Z',
  endsAt: '2026-06-26T09:00:00Z',
  volunteersNeeded: 2,
});

const ROWS: Row[] = [
  // Fan groups and members
  {
    route: 'GET /fan-groups/:groupId',
    method: 'get',
    path: (f) => `/api/v1/fan-groups/${f.groupId}`,
    expect: expectAll(200, { anonymous: 200 }),
  },
  {
    route: 'PATCH /fan-groups/:groupId',
    method: 'patch',
    path: (f) => `/api/v1/fan-groups/${f.groupId}`,
    body: () => ({ description: 'Fans of Dimash from Astana' }),
    expect: organizerOnly(200),
  },
  {
    route: 'POST /fan-groups/:groupId/join',
    method: 'post',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/join`,
    fresh: (w) => w.fresh.group(),
    expect: expectAll(409, { stranger: 201, otherOrganizer: 201 }),
  },
  {
    route: 'GET /fan-groups/:groupId/members',
    method: 'get',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/members`,
    expect: expectAll(200, { stranger: 403, otherOrganizer: 403 }),
  },
  {
    route: 'PUT /fan-groups/:groupId/members/:userId',
    method: 'put',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/members/STRANGER`,
    body: () => ({ role: 'volunteer' }),
    fresh: (w) => w.fresh.group(),
    expect: organizerOnly(200),
  },
  {
    route: 'DELETE /fan-groups/:groupId/members/:userId (the member)',
    method: 'delete',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/members/MEMBER`,
    fresh: (w) => w.fresh.group(),
    // Organizers remove anyone, members themselves.
    expect: organizerOnly(204, { member: 204 }),
  },
  // Events
  {
    route: 'GET /fan-groups/:groupId/events',
    method: 'get',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/events`,
    expect: expectAll(200, { anonymous: 200 }),
  },
  {
    route: 'POST /fan-groups/:groupId/events',
    method: 'post',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/events`,
    body: () => ({ ...PREPARTY, capacity: 5 }),
    expect: organizerOnly(201),
  },
  {
    route: 'GET /events/:eventId (published)',
    method: 'get',
    path: (f) => `/api/v1/events/${f.eventId}`,
    expect: expectAll(200, { anonymous: 200 }),
  },
  {
    route: 'GET /events/:eventId (draft)',
    method: 'get',
    path: (f) => `/api/v1/events/${f.draftEventId}`,
    expect: expectAll(200, { anonymous: 404, ...hidden }),
  },
  {
    route: 'PATCH /events/:eventId (published)',
    method: 'patch',
    path: (f) => `/api/v1/events/${f.eventId}`,
    body: () => ({ venue: 'Astana Arena' }),
    expect: organizerOnly(200),
  },
  {
    route: 'PATCH /events/:eventId (draft)',
    method: 'patch',
    path: (f) => `/api/v1/events/${f.draftEventId}`,
    body: () => ({ venue: 'Astana Arena' }),
    expect: organizerOnly(200, hidden),
  },
  {
    route: 'POST /events/:eventId/publish (draft)',
    method: 'post',
    path: (f) => `/api/v1/events/${f.draftEventId}/publish`,
    fresh: (w) => w.fresh.event(false),
    expect: organizerOnly(200, hidden),
  },
  {
    route: 'POST /events/:eventId/cancel',
    method: 'post',
    path: (f) => `/api/v1/events/${f.eventId}/cancel`,
    fresh: (w) => w.fresh.event(true),
    expect: organizerOnly(200),
  },
  // Registrations
  {
    route: 'POST /events/:eventId/registrations (published)',
    method: 'post',
    path: (f) => `/api/v1/events/${f.eventId}/registrations`,
    body: () => ({}),
    fresh: (w) => w.fresh.event(true),
    expect: expectAll(201),
  },
  {
    route: 'POST /events/:eventId/registrations (draft)',
    method: 'post',
    path: (f) => `/api/v1/events/${f.draftEventId}/registrations`,
    body: () => ({}),
    expect: expectAll(409, hidden),
  },
  {
    route: 'GET /registrations/:registrationId/calendar.ics',
    method: 'get',
    path: (f) => `/api/v1/registrations/${f.registrationId}/calendar.ics`,
    // Only the owner: organizers see registrations in lists, not as the fan's calendar file.
    expect: expectAll(404, { requester: 200 }),
  },
  {
    route: 'POST /registrations/:registrationId/cancel',
    method: 'post',
    path: (f) => `/api/v1/registrations/${f.registrationId}/cancel`,
    fresh: (w) => w.fresh.registration(),
    expect: expectAll(404, { requester: 200, organizer: 200 }),
  },
  {
    route: 'GET /events/:eventId/registrations (published)',
    method: 'get',
    path: (f) => `/api/v1/events/${f.eventId}/registrations`,
    expect: expectAll(403, staffOnly(200)),
  },
  {
    route: 'GET /events/:eventId/registrations (draft)',
    method: 'get',
    path: (f) => `/api/v1/events/${f.draftEventId}/registrations`,
    expect: expectAll(403, { ...staffOnly(200), ...hidden }),
  },
  {
    route: 'GET /events/:eventId/registrations.csv',
    method: 'get',
    path: (f) => `/api/v1/events/${f.eventId}/registrations.csv`,
    expect: organizerOnly(200),
  },
  {
    route: 'POST /events/:eventId/check-ins',
    method: 'post',
    path: (f) => `/api/v1/events/${f.eventId}/check-ins`,
    body: (f) => ({ code: f.code }),
    fresh: (w) => w.fresh.registration(),
    expect: expectAll(403, staffOnly(200)),
  },
  {
    route: 'POST /registrations/:registrationId/check-in',
    method: 'post',
    path: (f) => `/api/v1/registrations/${f.registrationId}/check-in`,
    fresh: (w) => w.fresh.registration(),
    // The owner knows the registration (403); outside the staff nobody else may (404).
    expect: expectAll(404, { ...staffOnly(200), requester: 403 }),
  },
  {
    route: 'GET /events/:eventId/check-ins/summary (published)',
    method: 'get',
    path: (f) => `/api/v1/events/${f.eventId}/check-ins/summary`,
    expect: expectAll(403, staffOnly(200)),
  },
  {
    route: 'GET /events/:eventId/check-ins/summary (draft)',
    method: 'get',
    path: (f) => `/api/v1/events/${f.draftEventId}/check-ins/summary`,
    expect: expectAll(403, { ...staffOnly(200), ...hidden }),
  },
  // Help requests and their comments
  {
    route: 'POST /fan-groups/:groupId/help-requests',
    method: 'post',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/help-requests`,
    body: () => ticketBody(),
    expect: expectAll(201),
  },
  {
    route: 'GET /fan-groups/:groupId/help-requests',
    method: 'get',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/help-requests`,
    expect: expectAll(403, staffOnly(200)),
  },
  {
    route: 'GET /help-requests/:requestId',
    method: 'get',
    path: (f) => `/api/v1/help-requests/${f.requestId}`,
    expect: requestParties(200),
  },
  {
    route: 'PATCH /help-requests/:requestId {status: in_progress}',
    method: 'patch',
    path: (f) => `/api/v1/help-requests/${f.requestId}`,
    body: () => ({ status: 'in_progress' }),
    fresh: (w) => w.fresh.request(),
    // The requester may see the request but only ever cancel it.
    expect: { ...requestParties(200), requester: 403 },
  },
  {
    route: 'PATCH /help-requests/:requestId {status: cancelled}',
    method: 'patch',
    path: (f) => `/api/v1/help-requests/${f.requestId}`,
    body: () => ({ status: 'cancelled' }),
    fresh: (w) => w.fresh.request(),
    expect: { ...requestParties(403), requester: 200 },
  },
  {
    route: 'PATCH /help-requests/:requestId {assigneeId}',
    method: 'patch',
    path: (f) => `/api/v1/help-requests/${f.requestId}`,
    body: (_f, w) => ({ assigneeId: w.users.volunteer.id }),
    fresh: (w) => w.fresh.request(),
    expect: { ...requestParties(403), organizer: 200 },
  },
  {
    route: 'POST /help-requests/:requestId/comments',
    method: 'post',
    path: (f) => `/api/v1/help-requests/${f.requestId}/comments`,
    body: () => ({ body: 'Any news about the tickets?' }),
    expect: requestParties(201),
  },
  {
    route: 'GET /help-requests/:requestId/comments',
    method: 'get',
    path: (f) => `/api/v1/help-requests/${f.requestId}/comments`,
    expect: requestParties(200),
  },
  // Volunteer tasks and assignments
  {
    route: 'POST /events/:eventId/tasks (published)',
    method: 'post',
    path: (f) => `/api/v1/events/${f.eventId}/tasks`,
    body: () => taskBody(),
    expect: organizerOnly(201),
  },
  {
    route: 'POST /events/:eventId/tasks (draft)',
    method: 'post',
    path: (f) => `/api/v1/events/${f.draftEventId}/tasks`,
    body: () => taskBody(),
    expect: organizerOnly(201, hidden),
  },
  {
    route: 'GET /events/:eventId/tasks',
    method: 'get',
    path: (f) => `/api/v1/events/${f.eventId}/tasks`,
    expect: expectAll(403, staffOnly(200)),
  },
  {
    route: 'PATCH /tasks/:taskId',
    method: 'patch',
    path: (f) => `/api/v1/tasks/${f.taskId}`,
    body: () => ({ location: 'Gate 3' }),
    expect: organizerOnly(200),
  },
  {
    route: 'PATCH /tasks/:taskId (task of a draft event)',
    method: 'patch',
    path: (f) => `/api/v1/tasks/${f.draftTaskId}`,
    body: () => ({ location: 'Gate 3' }),
    expect: organizerOnly(200, hidden),
  },
  {
    route: 'GET /tasks/:taskId/candidates',
    method: 'get',
    path: (f) => `/api/v1/tasks/${f.taskId}/candidates`,
    expect: organizerOnly(200),
  },
  {
    route: 'GET /tasks/:taskId/candidates (task of a draft event)',
    method: 'get',
    path: (f) => `/api/v1/tasks/${f.draftTaskId}/candidates`,
    expect: organizerOnly(200, hidden),
  },
  {
    route: 'POST /tasks/:taskId/assignments',
    method: 'post',
    path: (f) => `/api/v1/tasks/${f.taskId}/assignments`,
    body: (_f, w) => ({ userId: w.users.volunteer.id }),
    fresh: (w) => w.fresh.task(false),
    expect: organizerOnly(201),
  },
  {
    route: 'POST /tasks/:taskId/sign-up',
    method: 'post',
    path: (f) => `/api/v1/tasks/${f.taskId}/sign-up`,
    fresh: (w) => w.fresh.task(false),
    expect: expectAll(403, staffOnly(201)),
  },
  {
    route: 'DELETE /tasks/:taskId/assignments/:userId (the assignee)',
    method: 'delete',
    path: (f) => `/api/v1/tasks/${f.taskId}/assignments/ASSIGNEE`,
    fresh: (w) => w.fresh.task(true),
    expect: organizerOnly(204, { assignee: 204 }),
  },
  {
    route: 'POST /tasks/:taskId/complete',
    method: 'post',
    path: (f) => `/api/v1/tasks/${f.taskId}/complete`,
    fresh: (w) => w.fresh.task(true),
    expect: organizerOnly(200, { assignee: 200 }),
  },
  // Hosting offers and host matches
  {
    route: 'POST /fan-groups/:groupId/hosting-offers',
    method: 'post',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/hosting-offers`,
    body: () => ({
      city: 'Astana',
      availableFrom: '2027-06-24',
      availableTo: '2027-06-26',
      beds: 1,
      address: 'Another planted address 9',
    }),
    expect: expectAll(201, { stranger: 403, otherOrganizer: 403 }),
  },
  {
    route: 'GET /fan-groups/:groupId/hosting-offers',
    method: 'get',
    path: (f) => `/api/v1/fan-groups/${f.groupId}/hosting-offers`,
    expect: expectAll(200, { stranger: 403, otherOrganizer: 403 }),
  },
  {
    route: 'GET /hosting-offers/:offerId',
    method: 'get',
    path: (f) => `/api/v1/hosting-offers/${f.offerId}`,
    expect: expectAll(404, { member: 200, organizer: 200 }),
  },
  {
    route: 'PATCH /hosting-offers/:offerId',
    method: 'patch',
    path: (f) => `/api/v1/hosting-offers/${f.offerId}`,
    body: () => ({ note: 'Breakfast included' }),
    expect: expectAll(404, { member: 200, organizer: 200 }),
  },
  {
    route: 'DELETE /hosting-offers/:offerId',
    method: 'delete',
    path: (f) => `/api/v1/hosting-offers/${f.offerId}`,
    fresh: (w) => w.fresh.offer(),
    expect: expectAll(404, { member: 204, organizer: 204 }),
  },
  {
    route: 'GET /help-requests/:requestId/host-suggestions',
    method: 'get',
    path: (f) => `/api/v1/help-requests/${f.stayId}/host-suggestions`,
    expect: expectAll(404, { assignee: 200, organizer: 200, requester: 403 }),
  },
  {
    route: 'POST /help-requests/:requestId/host-matches',
    method: 'post',
    path: (f) => `/api/v1/help-requests/${f.stayId}/host-matches`,
    body: (f) => ({ offerId: f.offerId }),
    // A stay that has a match already, and a second offer: proposing that one is new.
    fresh: async (w) => ({ stayId: (await w.fresh.match()).stayId, ...(await w.fresh.offer()) }),
    expect: expectAll(404, { assignee: 201, organizer: 201, requester: 403 }),
  },
  {
    route: 'GET /help-requests/:requestId/host-matches',
    method: 'get',
    path: (f) => `/api/v1/help-requests/${f.stayId}/host-matches`,
    expect: requestParties(200),
  },
  {
    route: 'GET /host-matches/:matchId',
    method: 'get',
    path: (f) => `/api/v1/host-matches/${f.matchId}`,
    expect: expectAll(404, { member: 200, requester: 200, assignee: 200, organizer: 200 }),
  },
  {
    route: 'POST /host-matches/:matchId/accept',
    method: 'post',
    path: (f) => `/api/v1/host-matches/${f.matchId}/accept`,
    fresh: (w) => w.fresh.match(),
    expect: expectAll(404, { member: 200, requester: 200, assignee: 403, organizer: 403 }),
  },
  {
    route: 'POST /host-matches/:matchId/decline',
    method: 'post',
    path: (f) => `/api/v1/host-matches/${f.matchId}/decline`,
    fresh: (w) => w.fresh.match(),
    expect: expectAll(404, { member: 200, requester: 200, assignee: 403, organizer: 403 }),
  },
  // Arrivals
  {
    route: 'GET /events/:eventId/arrivals',
    method: 'get',
    path: (f) => `/api/v1/events/${f.eventId}/arrivals`,
    expect: expectAll(403, staffOnly(200)),
  },
  {
    route: 'POST /events/:eventId/arrivals/welcome-tasks',
    method: 'post',
    path: (f) => `/api/v1/events/${f.eventId}/arrivals/welcome-tasks`,
    body: () => ({ place: 'NQZ', minArrivals: 1, volunteersPerTask: 1 }),
    expect: organizerOnly(201),
  },
  {
    route: 'PUT /registrations/:registrationId/arrival',
    method: 'put',
    path: (f) => `/api/v1/registrations/${f.registrationId}/arrival`,
    body: () => ({ at: '2026-06-25T14:00:00Z', by: 'plane', place: 'NQZ' }),
    expect: expectAll(404, { requester: 200 }),
  },
  {
    route: 'DELETE /registrations/:registrationId/arrival',
    method: 'delete',
    path: (f) => `/api/v1/registrations/${f.registrationId}/arrival`,
    expect: expectAll(404, { requester: 204 }),
  },
];

/** Routes without an id, called by every role so the property checks see every response type. */
const SCENARIO: { method: Method; path: (f: Fixture) => string }[] = [
  { method: 'get', path: () => '/api/v1/me' },
  { method: 'get', path: () => '/api/v1/me/registrations' },
  { method: 'get', path: () => '/api/v1/me/help-requests' },
  { method: 'get', path: () => '/api/v1/me/tasks' },
  { method: 'get', path: () => '/api/v1/me/open-tasks' },
  { method: 'get', path: () => '/api/v1/me/groups' },
  { method: 'get', path: () => '/api/v1/fan-groups/by-slug/matrix-fans' },
  { method: 'get', path: () => '/api/v1/me/export' },
  { method: 'get', path: () => '/api/v1/me/host-matches' },
  { method: 'get', path: () => '/api/v1/me/calendar-feed' },
  { method: 'post', path: () => '/api/v1/me/calendar-feed/rotate' },
  { method: 'post', path: () => '/api/v1/auth/logout' },
  { method: 'get', path: () => '/api/v1/fan-groups' },
  { method: 'get', path: () => '/api/v1/events' },
  { method: 'get', path: (f) => `/api/v1/events?groupId=${f.groupId}` },
];

// The same matrix for API clients (Bearer) and for the web app (session cookie + its header):
// a cookie session may do exactly what a token may, no more.
describe.each<SessionMode>(['bearer', 'cookie'])(
  'object-level authorization matrix (%s sessions)',
  (mode) => {
    let t: TestApp;
    let world: World;
    const log: Exchange[] = [];
    let call: ReturnType<typeof caller>;

    beforeAll(async () => {
      t = await startTestApp();
      await truncateAll(t.db);
      world = await buildWorld(t.http);
      call = caller(world, log, mode === 'cookie' ? await webSessions(world) : undefined);
    }, 60_000);
    afterAll(async () => {
      await t.close();
    }, 30_000);

    const users = (path: string) =>
      path
        .replace('STRANGER', world.users.stranger.id)
        .replace('MEMBER', world.users.member.id)
        .replace('ASSIGNEE', world.users.assignee.id);

    for (const row of ROWS) {
      describe(row.route, () => {
        for (const role of ROLES) {
          const status = row.expect[role];
          it(`answers ${status} to the ${role}`, async () => {
            const fixture = { ...world.fixture, ...(row.fresh ? await row.fresh(world) : {}) };
            const res = await call(
              role,
              row.method,
              users(row.path(fixture)),
              row.body?.(fixture, world),
            );
            expect({
              role,
              status: res.status,
              body: res.status === status ? '' : res.body,
            }).toEqual({ role, status, body: '' });
            if (status >= 400) {
              // An error says what went wrong and nothing about the object.
              expect(res.headers['content-type']).toMatch(/application\/json/);
              expect(ERROR_KEYS).toEqual(expect.arrayContaining(Object.keys(res.body)));
              expect(res.body.statusCode).toBe(status);
            }
          });
        }
      });
    }

    it('answers an unknown id like a hidden one, whoever asks', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const fixture: Fixture = {
        ...world.fixture,
        groupId: unknown,
        eventId: unknown,
        draftEventId: unknown,
        registrationId: unknown,
        requestId: unknown,
        taskId: unknown,
        draftTaskId: unknown,
        offerId: unknown,
        stayId: unknown,
        matchId: unknown,
      };
      for (const row of ROWS) {
        const res = await call(
          'organizer',
          row.method,
          users(row.path(fixture)),
          row.body?.(fixture, world),
        );
        expect({ route: row.route, status: res.status }).toEqual({ route: row.route, status: 404 });
        expect(ERROR_KEYS).toEqual(expect.arrayContaining(Object.keys(res.body)));
      }
    });

    describe('what responses carry (property level)', () => {
      beforeAll(async () => {
        for (const role of ROLES) {
          if (role === 'anonymous') continue;
          for (const step of SCENARIO) await call(role, step.method, step.path(world.fixture));
        }
        // The organizer's own registration: its code may reach the organizer, nobody else.
        await call(
          'organizer',
          'post',
          `/api/v1/events/${world.fixture.eventId}/registrations`,
          {},
        );
        for (const role of ROLES) {
          if (role === 'anonymous') continue;
          await call(role, 'get', '/api/v1/me/registrations');
          // Each one's calendar feed, fetched as a calendar app would.
          const feed = await call(role, 'get', '/api/v1/me/calendar-feed');
          await call('anonymous', 'get', new URL(feed.body.url as string).pathname);
        }
      }, 30_000);

      it('recorded a broad run: every route family, every role', () => {
        expect(log.length).toBeGreaterThan(300);
        expect(new Set(log.map((e) => e.role))).toEqual(new Set(ROLES));
        expect(log.filter((e) => e.status < 300).length).toBeGreaterThan(150);
      });

      it('never carries a password hash', () => {
        for (const e of log) {
          expect({ path: e.path, leak: /password_?hash|\$argon2/i.test(e.text) }).toEqual({
            path: e.path,
            leak: false,
          });
        }
      });

      it("never carries another user's e-mail, unless the caller organizes the group", () => {
        const emails = Object.entries(world.users).map(([role, u]) => ({ role, email: u.email }));
        // The search finds what it looks for: the organizer does see registrants' e-mails.
        expect(
          log.some((e) => e.role === 'organizer' && e.text.includes(world.users.requester.email)),
        ).toBe(true);
        for (const e of log) {
          if (e.role === 'organizer') continue;
          const leaked = emails
            .filter((u) => u.role !== e.role && e.text.includes(u.email))
            .map((u) => u.role);
          expect({ caller: e.role, route: `${e.method} ${e.path}`, leaked }).toEqual({
            caller: e.role,
            route: `${e.method} ${e.path}`,
            leaked: [],
          });
        }
      });

      it("never carries a host's address or phone to anyone but the host before a match is accepted", () => {
        // The search finds what it looks for: the host reads their own offer.
        expect(log.some((e) => e.role === 'member' && e.text.includes('Planted address 7'))).toBe(
          true,
        );
        for (const e of log) {
          if (e.role === 'member') continue;
          const leaked = ['Planted address 7', '+7 700 000 77 77'].filter((x) =>
            e.text.includes(x),
          );
          expect({ caller: e.role, route: `${e.method} ${e.path}`, leaked }).toEqual({
            caller: e.role,
            route: `${e.method} ${e.path}`,
            leaked: [],
          });
        }
      });

      it("never carries another user's check-in code, only the owner's own", async () => {
        const codes = await t.db.query<{ code: string; user_id: string }[]>(
          'SELECT check_in_code AS code, user_id FROM registrations',
        );
        const owner = new Map(Object.entries(world.users).map(([role, u]) => [u.id, role]));
        expect(codes.length).toBeGreaterThan(10);
        // The search finds what it looks for: owners do read their own codes.
        expect(log.some((e) => e.role === 'requester' && e.text.includes(world.fixture.code))).toBe(
          true,
        );
        for (const e of log) {
          const leaked = codes
            .filter((c) => owner.get(c.user_id) !== e.role && e.text.includes(c.code))
            .map((c) => owner.get(c.user_id));
          expect({ caller: e.role, route: `${e.method} ${e.path}`, leaked }).toEqual({
            caller: e.role,
            route: `${e.method} ${e.path}`,
            leaked: [],
          });
        }
      });
    });
  },
);
