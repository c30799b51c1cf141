import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './factories/index.js';
import { accommodationBody, type HelpCast, helpCast, ticketBody } from './utils/help-requests.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

const stay = (over: Record<string, unknown>) => ({
  type: 'accommodation',
  message: 'A room, please',
  accommodation: { checkIn: '2026-06-25', checkOut: '2026-06-27', guests: 1, ...over },
});
const tickets = (over: Record<string, unknown>) => ({
  type: 'ticket',
  message: 'Tickets, please',
  ticket: { quantity: 1, ...over },
});

describe('help request validation', () => {
  let t: TestApp;
  let cast: HelpCast;
  const url = () => `/api/v1/fan-groups/${cast.group.id}/help-requests`;
  const count = async () =>
    (await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM help_requests'))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    await truncateAll(t.db);
    cast = await helpCast(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a ticket request, open and unassigned, with its details', async () => {
    const res = await t.http.post(url()).set(bearer(cast.requester)).send(ticketBody()).expect(201);
    expect(res.body).toMatchObject({
      groupId: cast.group.id,
      requesterId: cast.requester.id,
      eventId: null,
      type: 'ticket',
      status: 'open',
      assigneeId: null,
      assignee: null,
      ticket: { quantity: 2, maxBudget: 30000, currency: 'JPY' },
      accommodation: null,
    });
    expect(res.body.history).toEqual([
      expect.objectContaining({ action: 'created', actorId: cast.requester.id, toStatus: 'open' }),
    ]);
    expect(res.headers['x-ratelimit-limit']).toBeDefined();
  });

  it('creates an accommodation request with dates kept as YYYY-MM-DD and a decimal budget', async () => {
    const res = await t.http
      .post(url())
      .set(bearer(cast.stranger))
      .send(accommodationBody())
      .expect(201);
    expect(res.body.accommodation).toEqual({
      checkIn: '2026-06-25',
      checkOut: '2026-06-28',
      guests: 2,
      maxBudgetPerNight: 60.5,
      currency: 'EUR',
    });
    expect(res.body.ticket).toBeNull();
  });

  it.each([
    ['Kazakh', 'Маған стадион маңынан пәтер керек, рахмет!'],
    ['Japanese', 'コンサートのチケットを二枚探しています 🎤'],
    ['Chinese', '我需要两张演唱会门票'],
  ])('accepts a message in %s, trimmed and returned intact', async (_l, message) => {
    const res = await t.http
      .post(url())
      .set(bearer(cast.requester))
      .send({ ...tickets({}), message: `  ${message}\n` })
      .expect(201);
    expect(res.body.message).toBe(message);
  });

  it('accepts optional budgets and currencies being absent', async () => {
    await t.http.post(url()).set(bearer(cast.requester)).send(tickets({})).expect(201);
    await t.http.post(url()).set(bearer(cast.requester)).send(stay({})).expect(201);
  });

  describe('refuses with 400 and stores nothing', () => {
    it.each<[string, Record<string, unknown>]>([
      ['a ticket request without ticket details', { type: 'ticket', message: 'hi' }],
      ['an accommodation request without its details', { type: 'accommodation', message: 'hi' }],
      [
        'a ticket request with accommodation details instead',
        { type: 'ticket', message: 'hi', accommodation: stay({}).accommodation },
      ],
      [
        'a ticket request with both blocks',
        { ...tickets({}), accommodation: stay({}).accommodation },
      ],
      ['an accommodation request with both blocks', { ...stay({}), ticket: { quantity: 1 } }],
      ['the other block sent as null', { ...tickets({}), accommodation: null }],
      ['no type', { message: 'hi', ticket: { quantity: 1 } }],
      ['an unknown type', { type: 'visa', message: 'hi', ticket: { quantity: 1 } }],
      ['details that are not an object', { type: 'ticket', message: 'hi', ticket: 'two' }],
      ['quantity 0', tickets({ quantity: 0 })],
      ['quantity 101', tickets({ quantity: 101 })],
      ['a fractional quantity', tickets({ quantity: 1.5 })],
      ['a quantity as a string', tickets({ quantity: '2' })],
      ['a negative budget', tickets({ maxBudget: -1, currency: 'EUR' })],
      ['a budget with three decimals', tickets({ maxBudget: 1.005, currency: 'EUR' })],
      ['a budget without a currency', tickets({ maxBudget: 100 })],
      ['an unknown currency', tickets({ maxBudget: 100, currency: 'XYZ' })],
      ['a lower-case currency', tickets({ maxBudget: 100, currency: 'eur' })],
      ['checkOut before checkIn', stay({ checkIn: '2026-06-27', checkOut: '2026-06-25' })],
      ['checkOut equal to checkIn', stay({ checkIn: '2026-06-27', checkOut: '2026-06-27' })],
      ['an impossible date (30 February)', stay({ checkIn: '2026-02-27', checkOut: '2026-02-30' })],
      ['an impossible month', stay({ checkIn: '2026-13-01', checkOut: '2026-13-03' })],
      ['a date with a time', stay({ checkIn: '2026-06-25T12:00:00Z', checkOut: '2026-06-27' })],
      ['a loosely written date', stay({ checkIn: '2026-6-25', checkOut: '2026-06-27' })],
      ['a stay of more than 90 nights', stay({ checkIn: '2026-01-01', checkOut: '2026-06-01' })],
      ['0 guests', stay({ guests: 0 })],
      ['a budget per night without currency', stay({ maxBudgetPerNight: 50 })],
      ['an unknown top-level field', { ...tickets({}), priority: 'high' }],
      ['an unknown nested field', tickets({ seat: 'A1' })],
      [
        'requesterId set by the client',
        { ...tickets({}), requesterId: '00000000-0000-4000-8000-000000000000' },
      ],
      ['status set by the client', { ...tickets({}), status: 'resolved' }],
      ['a NUL byte in the message', { ...tickets({}), message: 'hi\u0000there' }],
      ['a blank message', { ...tickets({}), message: '   ' }],
      ['no message', { type: 'ticket', ticket: { quantity: 1 } }],
      ['a message over 4000 characters', { ...tickets({}), message: 'я'.repeat(4001) }],
      ['a malformed eventId', { ...tickets({}), eventId: 'preparty' }],
    ])('%s', async (_label, body) => {
      const before = await count();
      const res = await t.http.post(url()).set(bearer(cast.requester)).send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(await count()).toBe(before);
    });
  });

  it('names the offending field of a nested block', async () => {
    const res = await t.http
      .post(url())
      .set(bearer(cast.requester))
      .send(stay({ checkIn: '2026-02-27', checkOut: '2026-02-30' }))
      .expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/checkOut/);
  });

  it('lets retention erase the details, after which the request shows none', async () => {
    const res = await t.http.post(url()).set(bearer(cast.requester)).send(ticketBody()).expect(201);
    await t.db.query(
      `UPDATE help_requests SET details_erased_at = now(), message = '', ticket_quantity = NULL,
              max_budget = NULL, currency = NULL WHERE id = $1`,
      [res.body.id],
    );
    const after = await t.http
      .get(`/api/v1/help-requests/${res.body.id}`)
      .set(bearer(cast.requester))
      .expect(200);
    expect(after.body).toMatchObject({ message: '', ticket: null, accommodation: null });
    expect(after.body.detailsErasedAt).toEqual(expect.any(String));
  });

  it('has the database refuse a request missing its details while they are kept', async () => {
    const res = await t.http.post(url()).set(bearer(cast.requester)).send(ticketBody()).expect(201);
    await expect(
      t.db.query('UPDATE help_requests SET ticket_quantity = NULL WHERE id = $1', [res.body.id]),
    ).rejects.toThrow(/CHK_help_requests_ticket/);
    const stayRes = await t.http
      .post(url())
      .set(bearer(cast.requester))
      .send(accommodationBody())
      .expect(201);
    await expect(
      t.db.query('UPDATE help_requests SET check_out = NULL WHERE id = $1', [stayRes.body.id]),
    ).rejects.toThrow(/CHK_help_requests_accommodation/);
  });

  it('documents the routes and the nested bodies in the OpenAPI document', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    for (const path of [
      '/api/v1/fan-groups/{groupId}/help-requests',
      '/api/v1/me/help-requests',
      '/api/v1/help-requests/{requestId}',
      '/api/v1/help-requests/{requestId}/comments',
    ]) {
      expect(res.body.paths[path]).toBeDefined();
    }
    const schemas = res.body.components.schemas;
    expect(schemas.CreateHelpRequestDto.properties.ticket).toBeDefined();
    expect(schemas.AccommodationDetailsDto.properties.checkIn).toBeDefined();
  });

  it('answers 404 for an unknown group and 400 for a malformed group id', async () => {
    await t.http
      .post('/api/v1/fan-groups/00000000-0000-4000-8000-000000000000/help-requests')
      .set(bearer(cast.requester))
      .send(ticketBody())
      .expect(404);
    await t.http
      .post('/api/v1/fan-groups/nope/help-requests')
      .set(bearer(cast.requester))
      .send(ticketBody())
      .expect(400);
  });

  describe('eventId', () => {
    const createEvent = async (groupId: string, token: { token: string }, publish: boolean) => {
      const res = await t.http
        .post(`/api/v1/fan-groups/${groupId}/events`)
        .set(bearer(token))
        .send({
          title: 'World Fan Groups PreParty',
          startsAt: '2026-06-25T13:00:00.000Z',
          timezone: 'Asia/Almaty',
          capacity: 50,
        })
        .expect(201);
      if (publish) {
        await t.http.post(`/api/v1/events/${res.body.id}/publish`).set(bearer(token)).expect(200);
      }
      return res.body.id as string;
    };

    it('accepts a published event of the same group', async () => {
      const eventId = await createEvent(cast.group.id, cast.organizer, true);
      const res = await t.http
        .post(url())
        .set(bearer(cast.stranger))
        .send(ticketBody({ eventId }))
        .expect(201);
      expect(res.body.eventId).toBe(eventId);
    });

    it('accepts a draft event of the group from one of its members', async () => {
      const eventId = await createEvent(cast.group.id, cast.organizer, false);
      await t.http
        .post(url())
        .set(bearer(cast.requester))
        .send(ticketBody({ eventId }))
        .expect(201);
    });

    it('refuses, with the same 400, an event of another group, an unknown event and a draft hidden from the requester', async () => {
      const other = await createEvent(cast.otherGroupId, cast.otherOrganizer, true);
      const draft = await createEvent(cast.group.id, cast.organizer, false);
      const before = await count();
      const messages: string[] = [];
      for (const [user, eventId] of [
        [cast.requester, other],
        [cast.requester, '00000000-0000-4000-8000-000000000000'],
        [cast.stranger, draft],
      ] as const) {
        const res = await t.http
          .post(url())
          .set(bearer(user))
          .send(ticketBody({ eventId }))
          .expect(400);
        messages.push(String(res.body.message));
      }
      expect(new Set(messages).size).toBe(1);
      expect(messages[0]).toMatch(/event of this fan group/);
      expect(await count()).toBe(before);
    });

    it('refuses a cancelled event with 409 EVENT_CANCELLED', async () => {
      const eventId = await createEvent(cast.group.id, cast.organizer, true);
      await t.http.post(`/api/v1/events/${eventId}/cancel`).set(bearer(cast.organizer)).expect(200);
      const res = await t.http
        .post(url())
        .set(bearer(cast.requester))
        .send(ticketBody({ eventId }))
        .expect(409);
      expect(res.body.code).toBe('EVENT_CANCELLED');
    });
  });
});
