import { createHmac, randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import type { Response } from 'supertest';
import { bearer, setRole, signup, type TestUser } from '../factories/index.js';
import { createEvent } from './events.js';
import { ticketBody } from './help-requests.js';
import { WEB, webLogin } from './web-session.js';

/**
 * Everyone the object-level matrix tries. `requester` is a plain member who owns the help
 * request and the registration; `assignee` is the volunteer the help request and the task are
 * assigned to; `volunteer` is another volunteer of the group, assigned to nothing.
 */
export const ROLES = [
  'anonymous',
  'stranger',
  'member',
  'volunteer',
  'assignee',
  'requester',
  'organizer',
  'otherOrganizer',
] as const;
export type Role = (typeof ROLES)[number];

/** The objects a route's path and body may point at. */
export interface Fixture {
  groupId: string;
  otherGroupId: string;
  eventId: string;
  draftEventId: string;
  registrationId: string;
  code: string;
  requestId: string;
  taskId: string;
  draftTaskId: string;
  /** The member's hosting offer. */
  offerId: string;
  /** The requester's accommodation request, assigned to the assignee. */
  stayId: string;
  /** The offer proposed for the stay (host: member, guest: requester). */
  matchId: string;
}

export interface World {
  http: TestAgent;
  users: Record<Exclude<Role, 'anonymous'>, TestUser>;
  fixture: Fixture;
  fresh: FreshFixtures;
}

export interface FreshFixtures {
  group(): Promise<Partial<Fixture>>;
  event(publish?: boolean): Promise<Partial<Fixture>>;
  registration(): Promise<Partial<Fixture>>;
  request(): Promise<Partial<Fixture>>;
  task(assigned?: boolean): Promise<Partial<Fixture>>;
  /** A new offer of the member's. */
  offer(): Promise<Partial<Fixture>>;
  /** A new stay request with a new offer, proposed to each other. */
  match(): Promise<Partial<Fixture>>;
}

/** A distinctive, planted e-mail per user: a response leaking it is found by plain search. */
export const plantedEmail = (role: string) =>
  `planted.${role.toLowerCase()}.${randomBytes(4).toString('hex')}@leak.example`;

function ok(res: Response, status: number, what: string): Response {
  if (res.status !== status) {
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res;
}

let slot = 0;

/** Builds the cast and one of each object; `fresh` makes new ones for calls that mutate. */
export async function buildWorld(http: TestAgent): Promise<World> {
  const names = ROLES.filter((r): r is Exclude<Role, 'anonymous'> => r !== 'anonymous');
  const list = await Promise.all(
    names.map((role) => signup(http, { email: plantedEmail(role), displayName: `Cast ${role}` })),
  );
  const users = Object.fromEntries(names.map((r, i) => [r, list[i]])) as World['users'];
  const { organizer } = users;

  const staff = async (groupId: string) => {
    await setRole(http, organizer, groupId, users.volunteer.id, 'volunteer');
    await setRole(http, organizer, groupId, users.assignee.id, 'volunteer');
    await setRole(http, organizer, groupId, users.member.id, 'member');
    await setRole(http, organizer, groupId, users.requester.id, 'member');
  };
  const newGroup = async (owner: TestUser, name: string) =>
    ok(
      await http.post('/api/v1/fan-groups').set(bearer(owner)).send({ name, country: 'KZ' }),
      201,
      'group',
    ).body.id as string;

  const groupId = await newGroup(organizer, 'Matrix fans');
  await staff(groupId);
  const otherGroupId = await newGroup(users.otherOrganizer, 'Other fans');

  const event = async (publish = true) =>
    (await createEvent(http, organizer, groupId, { capacity: 50 }, publish)).id;
  const registration = async (eventId: string) => {
    const res = ok(
      await http
        .post(`/api/v1/events/${eventId}/registrations`)
        .set(bearer(users.requester))
        .send({ note: 'arriving by train' }),
      201,
      'registration',
    );
    return { registrationId: res.body.id as string, code: res.body.checkInCode as string };
  };
  const request = async () => {
    const res = ok(
      await http
        .post(`/api/v1/fan-groups/${groupId}/help-requests`)
        .set(bearer(users.requester))
        .send(ticketBody()),
      201,
      'help request',
    );
    const id = res.body.id as string;
    ok(
      await http
        .patch(`/api/v1/help-requests/${id}`)
        .set(bearer(organizer))
        .send({ assigneeId: users.assignee.id }),
      200,
      'assign request',
    );
    return id;
  };
  // Every task gets its own time slot, so that assigning one volunteer to many never overlaps.
  const task = async (eventId: string, assigned: boolean) => {
    const start = Date.parse('2026-06-20T00:00:00Z') + slot++ * 3 * 3600_000;
    const res = ok(
      await http
        .post(`/api/v1/events/${eventId}/tasks`)
        .set(bearer(organizer))
        .send({
          title: `Task ${slot}`,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 3600_000).toISOString(),
          volunteersNeeded: 3,
        }),
      201,
      'task',
    );
    const taskId = res.body.id as string;
    if (assigned) {
      ok(
        await http
          .post(`/api/v1/tasks/${taskId}/assignments`)
          .set(bearer(organizer))
          .send({ userId: users.assignee.id }),
        201,
        'assignment',
      );
    }
    return taskId;
  };

  const offer = async () =>
    ok(
      await http
        .post(`/api/v1/fan-groups/${groupId}/hosting-offers`)
        .set(bearer(users.member))
        .send({
          city: 'Astana',
          availableFrom: '2027-06-24',
          availableTo: '2027-06-28',
          beds: 2,
          address: 'Planted address 7, Astana',
          phone: '+7 700 000 77 77',
        }),
      201,
      'offer',
    ).body.id as string;
  const stay = async () => {
    const id = ok(
      await http
        .post(`/api/v1/fan-groups/${groupId}/help-requests`)
        .set(bearer(users.requester))
        .send({
          type: 'accommodation',
          message: 'A bed for two nights',
          accommodation: { checkIn: '2027-06-25', checkOut: '2027-06-27', guests: 1 },
        }),
      201,
      'stay request',
    ).body.id as string;
    ok(
      await http
        .patch(`/api/v1/help-requests/${id}`)
        .set(bearer(organizer))
        .send({ assigneeId: users.assignee.id }),
      200,
      'assign stay',
    );
    return id;
  };
  const match = async () => {
    const [offerId, stayId] = [await offer(), await stay()];
    const res = ok(
      await http
        .post(`/api/v1/help-requests/${stayId}/host-matches`)
        .set(bearer(organizer))
        .send({ offerId }),
      201,
      'match',
    );
    return { offerId, stayId, matchId: res.body.id as string };
  };

  const eventId = await event(true);
  const draftEventId = await event(false);
  const fixture: Fixture = {
    groupId,
    otherGroupId,
    eventId,
    draftEventId,
    ...(await registration(eventId)),
    requestId: await request(),
    taskId: await task(eventId, true),
    draftTaskId: await task(draftEventId, false),
    ...(await match()),
  };

  const fresh: FreshFixtures = {
    async group() {
      const id = await newGroup(organizer, `Fresh fans ${randomBytes(3).toString('hex')}`);
      await staff(id);
      return { groupId: id };
    },
    async event(publish = true) {
      return publish ? { eventId: await event(true) } : { draftEventId: await event(false) };
    },
    async registration() {
      const id = await event(true);
      return { eventId: id, ...(await registration(id)) };
    },
    async request() {
      return { requestId: await request() };
    },
    async task(assigned = false) {
      return { taskId: await task(fixture.eventId, assigned) };
    },
    async offer() {
      return { offerId: await offer() };
    },
    match,
  };
  return { http, users, fixture, fresh };
}

/** One recorded exchange: who asked, what came back (raw text, whatever the type). */
export interface Exchange {
  role: Role;
  method: string;
  path: string;
  status: number;
  text: string;
}

/**
 * How the cast signs in: `bearer` (API clients), or `cookie` — the web app's session cookie
 * from a real sign-in, sent with the web app's header on every request.
 */
export type SessionMode = 'bearer' | 'cookie';

/** Signs every cast member in as the web app does; their `fe_session` cookies by role. */
export async function webSessions(world: World): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(world.users).map(async ([role, user]) => {
      const s = await webLogin(world.http, user.email);
      return [role, s.cookie] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Makes calls as a role and records every answer for the property-level checks. */
export function caller(world: World, log: Exchange[], cookies?: Record<string, string>) {
  return async (
    role: Role,
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: string,
    body?: unknown,
  ): Promise<Response> => {
    let req = world.http[method](path);
    if (role !== 'anonymous') {
      req = cookies
        ? req.set('Cookie', cookies[role]).set(WEB)
        : req.set(bearer(world.users[role]));
    } else if (cookies) {
      req = req.set(WEB);
    }
    const res = body === undefined ? await req : await req.send(body as object);
    log.push({ role, method, path, status: res.status, text: res.text ?? '' });
    return res;
  };
}

export const ERROR_KEYS = ['statusCode', 'error', 'message', 'code'];

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed by hand (HS256, or unsigned when `secret` is null), as a forger would send. */
export function forgeToken(payload: Record<string, unknown>, secret: string | null): string {
  const header = { alg: secret ? 'HS256' : 'none', typ: 'JWT' };
  const unsigned = `${b64url(header)}.${b64url(payload)}`;
  const signature = secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
}

/** The headers @fastify/helmet sets, as configured in bootstrap.ts. */
export function helmetHeaders(res: Response) {
  return {
    'x-content-type-options': res.headers['x-content-type-options'],
    'x-frame-options': res.headers['x-frame-options'],
    'strict-transport-security': typeof res.headers['strict-transport-security'],
    'content-security-policy': /default-src 'self'/.test(res.headers['content-security-policy']),
    'x-powered-by': res.headers['x-powered-by'],
  };
}

export const HELMET = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'strict-transport-security': 'string',
  'content-security-policy': true,
  'x-powered-by': undefined,
};
