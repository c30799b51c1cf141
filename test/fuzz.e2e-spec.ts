import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bearer, createGroup, type TestGroup } from './factories/index.js';
import { createEvent } from './utils/events.js';
import { accommodationBody, ticketBody } from './utils/help-requests.js';
import { FUZZ_RUNS, FUZZ_SEED, nastyBody, nastyValue, tableCounts } from './utils/fuzz.js';
import { startTestApp, truncateAll, type TestApp } from './utils/test-app.js';

interface FuzzRoute {
  name: string;
  method: 'post' | 'patch' | 'put' | 'get';
  path: (ctx: Ctx) => string;
  fields?: string[];
  /** The fuzzed fields sit in this nested object of an otherwise valid body. */
  nested?: string;
  query?: string[];
  valid?: Record<string, unknown>;
  auth?: (ctx: Ctx) => { token: string } | undefined;
}

interface Ctx {
  group: TestGroup;
  /** A draft event. */
  eventId: string;
  publishedEventId: string;
  requestId: string;
  taskId: string;
  /** The volunteer's registration for the published event. */
  registrationId: string;
  /** The member's hosting offer, the volunteer's stay request, proposed to each other. */
  offerId: string;
  stayId: string;
  matchId: string;
}

const ARRIVAL = { at: '2026-06-25T14:00:00Z', by: 'plane', place: 'NQZ' };
const ARRIVAL_FIELDS = ['at', 'by', 'from', 'reference', 'place'];
const OFFER = {
  city: 'Astana',
  availableFrom: '2026-06-24',
  availableTo: '2026-06-28',
  beds: 2,
  address: 'Fuzz street 1',
};
const OFFER_FIELDS = [
  'city',
  'availableFrom',
  'availableTo',
  'beds',
  'spokenLanguages',
  'note',
  'pricePerNight',
  'currency',
  'address',
  'phone',
];

const TASK = {
  title: 'Decorate the dressing room',
  startsAt: '2026-06-26T10:00:00Z',
  endsAt: '2026-06-26T11:00:00Z',
  volunteersNeeded: 3,
};
const TASK_FIELDS = ['title', 'description', 'location', 'startsAt', 'endsAt', 'volunteersNeeded'];

/**
 * Property, for every route body and query: whatever JSON arrives, the answer is never a 5xx,
 * and a 4xx changes nothing in the database (row counts, outbox included).
 */
const ROUTES: FuzzRoute[] = [
  {
    name: 'signup',
    method: 'post',
    path: () => '/api/v1/auth/signup',
    fields: ['email', 'password', 'displayName', 'country', 'language'],
    valid: {
      email: 'fuzz@example.com',
      password: 'long enough password',
      displayName: 'F',
      country: 'KZ',
      language: 'kk',
    },
  },
  {
    name: 'login',
    method: 'post',
    path: () => '/api/v1/auth/login',
    fields: ['email', 'password'],
  },
  {
    name: 'password reset',
    method: 'post',
    path: () => '/api/v1/auth/password-reset',
    fields: ['email'],
    valid: { email: 'fuzz@example.com' },
  },
  {
    name: 'password reset confirm',
    method: 'post',
    path: () => '/api/v1/auth/password-reset/confirm',
    fields: ['token', 'password'],
    valid: { token: 'A'.repeat(43), password: 'long enough password' },
  },
  {
    name: 'logout (takes no body)',
    method: 'post',
    path: () => '/api/v1/auth/logout',
    fields: ['token'],
    auth: (c) => c.group.member,
  },
  {
    name: 'rotate calendar feed (takes no body)',
    method: 'post',
    path: () => '/api/v1/me/calendar-feed/rotate',
    fields: ['url', 'token'],
    auth: (c) => c.group.member,
  },
  {
    name: 'update me',
    method: 'patch',
    path: () => '/api/v1/me',
    fields: ['displayName', 'country', 'language', 'spokenLanguages'],
    auth: (c) => c.group.member,
  },
  {
    name: 'create group',
    method: 'post',
    path: () => '/api/v1/fan-groups',
    fields: ['name', 'description', 'country', 'city', 'languages'],
    auth: (c) => c.group.member,
  },
  {
    name: 'update group',
    method: 'patch',
    path: (c) => `/api/v1/fan-groups/${c.group.id}`,
    fields: ['name', 'description', 'country', 'city', 'languages', 'autoAssignHelp'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'set member role',
    method: 'put',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/members/${c.group.member.id}`,
    fields: ['role'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'list groups',
    method: 'get',
    path: () => '/api/v1/fan-groups',
    query: ['search', 'limit', 'offset'],
  },
  {
    name: 'create event',
    method: 'post',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/events`,
    fields: [
      'title',
      'description',
      'venue',
      'city',
      'startsAt',
      'endsAt',
      'timezone',
      'capacity',
      'waitlistEnabled',
      'registrationClosesAt',
    ],
    valid: {
      title: 'PreParty',
      startsAt: '2026-06-26T13:00:00Z',
      timezone: 'Asia/Almaty',
      capacity: 10,
    },
    auth: (c) => c.group.organizer,
  },
  {
    name: 'update event',
    method: 'patch',
    path: (c) => `/api/v1/events/${c.eventId}`,
    fields: [
      'title',
      'startsAt',
      'endsAt',
      'timezone',
      'capacity',
      'waitlistEnabled',
      'registrationClosesAt',
    ],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'list events',
    method: 'get',
    path: () => '/api/v1/events',
    query: ['groupId', 'city', 'from', 'to', 'limit', 'offset'],
  },
  {
    name: 'register',
    method: 'post',
    path: (c) => `/api/v1/events/${c.publishedEventId}/registrations`,
    fields: ['language', 'arrivalDate', 'note', 'arrival'],
    auth: (c) => c.group.member,
  },
  {
    name: 'register: arrival',
    method: 'post',
    path: (c) => `/api/v1/events/${c.publishedEventId}/registrations`,
    nested: 'arrival',
    fields: ARRIVAL_FIELDS,
    valid: { arrival: ARRIVAL },
    auth: (c) => c.group.organizer,
  },
  {
    name: 'set arrival',
    method: 'put',
    path: (c) => `/api/v1/registrations/${c.registrationId}/arrival`,
    fields: ARRIVAL_FIELDS,
    valid: ARRIVAL,
    auth: (c) => c.group.volunteer,
  },
  {
    name: 'arrivals board',
    method: 'get',
    path: (c) => `/api/v1/events/${c.publishedEventId}/arrivals`,
    query: ['bucket'],
    auth: (c) => c.group.volunteer,
  },
  {
    name: 'welcome tasks',
    method: 'post',
    path: (c) => `/api/v1/events/${c.publishedEventId}/arrivals/welcome-tasks`,
    fields: ['place', 'minArrivals', 'volunteersPerTask'],
    valid: { place: 'NQZ', minArrivals: 1, volunteersPerTask: 2 },
    auth: (c) => c.group.organizer,
  },
  {
    name: 'create hosting offer',
    method: 'post',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/hosting-offers`,
    fields: OFFER_FIELDS,
    valid: OFFER,
    auth: (c) => c.group.member,
  },
  {
    name: 'update hosting offer',
    method: 'patch',
    path: (c) => `/api/v1/hosting-offers/${c.offerId}`,
    fields: OFFER_FIELDS,
    auth: (c) => c.group.member,
  },
  {
    name: 'hosting offers',
    method: 'get',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/hosting-offers`,
    query: ['limit', 'offset'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'host suggestions',
    method: 'get',
    path: (c) => `/api/v1/help-requests/${c.stayId}/host-suggestions`,
    query: ['limit', 'offset'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'propose host match',
    method: 'post',
    path: (c) => `/api/v1/help-requests/${c.stayId}/host-matches`,
    fields: ['offerId'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'accept host match (takes no body)',
    method: 'post',
    path: (c) => `/api/v1/host-matches/${c.matchId}/accept`,
    fields: ['side', 'status'],
    auth: (c) => c.group.member,
  },
  {
    name: 'my registrations',
    method: 'get',
    path: () => '/api/v1/me/registrations',
    query: ['limit', 'offset'],
    auth: (c) => c.group.member,
  },
  {
    name: 'list registrations',
    method: 'get',
    path: (c) => `/api/v1/events/${c.publishedEventId}/registrations`,
    query: ['status', 'limit', 'offset'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'check in',
    method: 'post',
    path: (c) => `/api/v1/events/${c.publishedEventId}/check-ins`,
    fields: ['code'],
    auth: (c) => c.group.volunteer,
  },
  {
    name: 'check in by hand (takes no body)',
    method: 'post',
    path: () => '/api/v1/registrations/00000000-0000-4000-8000-000000000000/check-in',
    fields: ['checkedInAt', 'status'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'group members',
    method: 'get',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/members`,
    query: ['minRole', 'search', 'limit', 'offset'],
    auth: (c) => c.group.member,
  },
  {
    name: 'my groups',
    method: 'get',
    path: () => '/api/v1/me/groups',
    query: ['role', 'limit', 'offset'],
    auth: (c) => c.group.member,
  },
  {
    name: 'group events',
    method: 'get',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/events`,
    query: ['status', 'from', 'to', 'limit', 'offset'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'cancel registration (takes no body)',
    method: 'post',
    path: () => '/api/v1/registrations/00000000-0000-4000-8000-000000000000/cancel',
    fields: ['status'],
    auth: (c) => c.group.member,
  },
  {
    name: 'create help request',
    method: 'post',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/help-requests`,
    fields: ['type', 'eventId', 'message', 'ticket', 'accommodation'],
    valid: ticketBody(),
    auth: (c) => c.group.member,
  },
  {
    name: 'create help request: ticket details',
    method: 'post',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/help-requests`,
    nested: 'ticket',
    fields: ['quantity', 'maxBudget', 'currency'],
    valid: ticketBody(),
    auth: (c) => c.group.member,
  },
  {
    name: 'create help request: accommodation details',
    method: 'post',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/help-requests`,
    nested: 'accommodation',
    fields: ['checkIn', 'checkOut', 'guests', 'maxBudgetPerNight', 'currency'],
    valid: accommodationBody(),
    auth: (c) => c.group.member,
  },
  {
    name: 'update help request',
    method: 'patch',
    path: (c) => `/api/v1/help-requests/${c.requestId}`,
    fields: ['assigneeId', 'status'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'list group help requests',
    method: 'get',
    path: (c) => `/api/v1/fan-groups/${c.group.id}/help-requests`,
    query: ['type', 'status', 'eventId', 'requesterLanguage', 'assigneeId', 'limit', 'offset'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'my help requests',
    method: 'get',
    path: () => '/api/v1/me/help-requests',
    query: ['status', 'limit', 'offset'],
    auth: (c) => c.group.member,
  },
  {
    name: 'comment',
    method: 'post',
    path: (c) => `/api/v1/help-requests/${c.requestId}/comments`,
    fields: ['body'],
    auth: (c) => c.group.member,
  },
  {
    name: 'list comments',
    method: 'get',
    path: (c) => `/api/v1/help-requests/${c.requestId}/comments`,
    query: ['limit', 'offset'],
    auth: (c) => c.group.member,
  },
  {
    name: 'create task',
    method: 'post',
    path: (c) => `/api/v1/events/${c.publishedEventId}/tasks`,
    fields: TASK_FIELDS,
    valid: TASK,
    auth: (c) => c.group.organizer,
  },
  {
    name: 'update task',
    method: 'patch',
    path: (c) => `/api/v1/tasks/${c.taskId}`,
    fields: TASK_FIELDS,
    auth: (c) => c.group.organizer,
  },
  {
    name: 'list tasks',
    method: 'get',
    path: (c) => `/api/v1/events/${c.publishedEventId}/tasks`,
    query: ['limit', 'offset'],
    auth: (c) => c.group.volunteer,
  },
  {
    name: 'assign volunteer',
    method: 'post',
    path: (c) => `/api/v1/tasks/${c.taskId}/assignments`,
    fields: ['userId'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'sign up (takes no body)',
    method: 'post',
    path: (c) => `/api/v1/tasks/${c.taskId}/sign-up`,
    fields: ['userId'],
    auth: (c) => c.group.volunteer,
  },
  {
    name: 'task candidates',
    method: 'get',
    path: (c) => `/api/v1/tasks/${c.taskId}/candidates`,
    query: ['limit', 'offset'],
    auth: (c) => c.group.organizer,
  },
  {
    name: 'open tasks',
    method: 'get',
    path: () => '/api/v1/me/open-tasks',
    query: ['from', 'hideClashing', 'limit', 'offset'],
    auth: (c) => c.group.volunteer,
  },
  {
    name: 'my tasks',
    method: 'get',
    path: () => '/api/v1/me/tasks',
    query: ['from', 'limit', 'offset'],
    auth: (c) => c.group.volunteer,
  },
];

describe('fuzzing every route body and query', () => {
  let t: TestApp;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await startTestApp();
    await truncateAll(t.db);
    const group = await createGroup(t.http);
    const event = await t.http
      .post(`/api/v1/fan-groups/${group.id}/events`)
      .set(bearer(group.organizer))
      .send({
        title: 'PreParty',
        startsAt: '2026-06-26T13:00:00Z',
        timezone: 'Asia/Almaty',
        capacity: 10,
      });
    const published = await createEvent(t.http, group.organizer, group.id);
    const request = await t.http
      .post(`/api/v1/fan-groups/${group.id}/help-requests`)
      .set(bearer(group.member))
      .send(ticketBody({ eventId: published.id }));
    const task = await t.http
      .post(`/api/v1/events/${published.id}/tasks`)
      .set(bearer(group.organizer))
      .send(TASK);
    const registration = await t.http
      .post(`/api/v1/events/${published.id}/registrations`)
      .set(bearer(group.volunteer))
      .send({})
      .expect(201);
    const offer = await t.http
      .post(`/api/v1/fan-groups/${group.id}/hosting-offers`)
      .set(bearer(group.member))
      .send(OFFER)
      .expect(201);
    const stay = await t.http
      .post(`/api/v1/fan-groups/${group.id}/help-requests`)
      .set(bearer(group.volunteer))
      .send(accommodationBody())
      .expect(201);
    const match = await t.http
      .post(`/api/v1/help-requests/${stay.body.id}/host-matches`)
      .set(bearer(group.organizer))
      .send({ offerId: offer.body.id })
      .expect(201);
    ctx = {
      registrationId: registration.body.id,
      offerId: offer.body.id,
      stayId: stay.body.id,
      matchId: match.body.id,
      group,
      eventId: event.body.id,
      publishedEventId: published.id,
      requestId: request.body.id,
      taskId: task.body.id,
    };
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  for (const route of ROUTES) {
    it(`never answers 5xx and changes nothing on a 4xx: ${route.name}`, async () => {
      const input = route.query
        ? fc.record(Object.fromEntries(route.query.map((q) => [q, nastyValue])), {
            requiredKeys: [],
          })
        : route.nested
          ? nastyBody(route.fields ?? []).map((inner) => ({
              ...route.valid,
              [route.nested!]: inner,
            }))
          : nastyBody(route.fields ?? [], route.valid);
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const before = await tableCounts(t.db);
          let req = t.http[route.method](route.path(ctx));
          const user = route.auth?.(ctx);
          if (user) req = req.set(bearer(user));
          const res = route.query
            ? await req.query(
                Object.fromEntries(
                  Object.entries(value as Record<string, unknown>).map(([k, v]) => [
                    k,
                    typeof v === 'string' ? v : JSON.stringify(v),
                  ]),
                ),
              )
            : await req.set('content-type', 'application/json').send(JSON.stringify(value));
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.body.statusCode).toBe(res.status);
            expect(await tableCounts(t.db)).toEqual(before);
          }
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
      );
    }, 60_000);
  }
});
