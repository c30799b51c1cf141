import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { bearer, createGroup, signup, type TestGroup } from './factories/index.js';
import { createEvent, register } from './utils/events.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

describe('GET /events/:eventId viewer', () => {
  let t: TestApp;
  let g: TestGroup;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    g = await createGroup(t.http);
  });

  const view = (eventId: string, headers: Record<string, string> = {}) =>
    t.http.get(`/api/v1/events/${eventId}`).set(headers).expect(200);

  it('is null for an anonymous caller, a bad token and a signed-in caller without a registration', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
    const fan = await signup(t.http);
    await register(t.http, fan, event.id).expect(201);
    expect((await view(event.id)).body.viewer).toBeNull();
    expect((await view(event.id, { Authorization: 'Bearer not-a-token' })).body.viewer).toBeNull();
    expect((await view(event.id, bearer(g.member))).body.viewer).toBeNull();
  });

  it('shows the caller their own registration: confirmed with the code, waitlisted with the place', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
    const [first, second, third] = await Promise.all([
      signup(t.http),
      signup(t.http),
      signup(t.http),
    ]);
    const a = await register(t.http, first, event.id).expect(201);
    const b = await register(t.http, second, event.id).expect(201);
    const c = await register(t.http, third, event.id).expect(201);
    const [{ check_in_code: code }] = await t.db.query(
      `SELECT check_in_code FROM registrations WHERE id = $1`,
      [a.body.id],
    );
    expect((await view(event.id, bearer(first))).body.viewer).toEqual({
      registrationId: a.body.id,
      status: 'confirmed',
      waitlistPosition: null,
      checkInCode: code,
    });
    expect((await view(event.id, bearer(third))).body.viewer).toEqual({
      registrationId: c.body.id,
      status: 'waitlisted',
      waitlistPosition: 2,
      checkInCode: null,
    });

    // The first cancels: the second is promoted, the third moves up, the first sees nothing.
    await t.http.post(`/api/v1/registrations/${a.body.id}/cancel`).set(bearer(first)).expect(200);
    expect((await view(event.id, bearer(first))).body.viewer).toBeNull();
    const promoted = (await view(event.id, bearer(second))).body.viewer;
    expect(promoted).toMatchObject({ registrationId: b.body.id, status: 'confirmed' });
    expect(promoted.checkInCode).toEqual(expect.any(String));
    expect((await view(event.id, bearer(third))).body.viewer).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    // Nobody else's code ever shows: the organizer sees the event, not others' registrations.
    expect((await view(event.id, bearer(g.organizer))).body.viewer).toBeNull();
  });

  it('keeps another group’s draft hidden from a signed-in stranger', async () => {
    const draft = await createEvent(t.http, g.organizer, g.id, {}, false);
    const fan = await signup(t.http);
    await t.http.get(`/api/v1/events/${draft.id}`).set(bearer(fan)).expect(404);
    const own = await view(draft.id, bearer(g.member));
    expect(own.body).toMatchObject({ status: 'draft', viewer: null });
  });
});
