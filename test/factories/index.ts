import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  displayName: string;
  language: string;
}

let counter = 0;

/** Signs a user up through the API and returns its id and token. */
export async function signup(
  http: TestAgent,
  overrides: Partial<{
    email: string;
    displayName: string;
    country: string;
    language: string;
  }> = {},
): Promise<TestUser> {
  counter += 1;
  const body = {
    email: overrides.email ?? `fan${counter}-${randomBytes(3).toString('hex')}@example.com`,
    password: 'correct horse battery',
    displayName: overrides.displayName ?? `Fan ${counter}`,
    country: overrides.country ?? 'KZ',
    language: overrides.language ?? 'en',
  };
  const res = await http.post('/api/v1/auth/signup').send(body);
  if (res.status !== 201)
    throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.user.id,
    email: res.body.user.email,
    token: res.body.accessToken,
    displayName: body.displayName,
    language: body.language,
  };
}

export const bearer = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });

export interface TestGroup {
  id: string;
  organizer: TestUser;
  volunteer: TestUser;
  member: TestUser;
}

/** A fan group with an organizer, a volunteer and a plain member. */
export async function createGroup(http: TestAgent, name = 'Dimash&Dostar'): Promise<TestGroup> {
  const [organizer, volunteer, member] = await Promise.all([
    signup(http, { displayName: 'Айгерим' }),
    signup(http, { displayName: 'Volunteer' }),
    signup(http, { displayName: 'Member' }),
  ]);
  const res = await http
    .post('/api/v1/fan-groups')
    .set(bearer(organizer))
    .send({ name, country: 'KZ', city: 'Astana', languages: ['kk', 'ru', 'en'] });
  if (res.status !== 201)
    throw new Error(`group failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id: string = res.body.id;
  await setRole(http, organizer, id, volunteer.id, 'volunteer');
  await setRole(http, organizer, id, member.id, 'member');
  return { id, organizer, volunteer, member };
}

export async function setRole(
  http: TestAgent,
  organizer: TestUser,
  groupId: string,
  userId: string,
  role: string,
): Promise<void> {
  const res = await http
    .put(`/api/v1/fan-groups/${groupId}/members/${userId}`)
    .set(bearer(organizer))
    .send({ role });
  if (res.status !== 200) throw new Error(`role failed: ${res.status} ${JSON.stringify(res.body)}`);
}
