import type TestAgent from 'supertest/lib/agent.js';
import { bearer, setRole, signup, type TestGroup, type TestUser } from '../factories/index.js';

export const HOST_ADDRESS = 'Kabanbay Batyr 10, apt 42, Astana';
export const HOST_PHONE = '+7 701 555 01 02';

export const offerBody = (extra: Record<string, unknown> = {}) => ({
  city: 'Astana',
  availableFrom: '2027-06-24',
  availableTo: '2027-06-28',
  beds: 2,
  address: HOST_ADDRESS,
  phone: HOST_PHONE,
  note: 'Two beds in the guest room, 15 minutes from the stadium',
  ...extra,
});

export const stayBody = (extra: Record<string, unknown> = {}) => ({
  type: 'accommodation',
  message: 'Looking for a bed for the PreParty and the concert',
  accommodation: { checkIn: '2027-06-25', checkOut: '2027-06-27', guests: 1, ...extra },
});

/** A member of the group who speaks these languages (interface language `language`). */
export async function memberSpeaking(
  http: TestAgent,
  group: TestGroup,
  spokenLanguages: string[],
  overrides: { displayName?: string; language?: string; role?: string } = {},
): Promise<TestUser> {
  const user = await signup(http, {
    displayName: overrides.displayName,
    language: overrides.language ?? 'en',
  });
  await setRole(http, group.organizer, group.id, user.id, overrides.role ?? 'member');
  const res = await http.patch('/api/v1/me').set(bearer(user)).send({ spokenLanguages });
  if (res.status !== 200) throw new Error(`languages failed: ${res.status}`);
  return user;
}

export async function createOffer(
  http: TestAgent,
  host: TestUser,
  groupId: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await http
    .post(`/api/v1/fan-groups/${groupId}/hosting-offers`)
    .set(bearer(host))
    .send(offerBody(extra));
  if (res.status !== 201)
    throw new Error(`offer failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function createStay(
  http: TestAgent,
  guest: TestUser,
  groupId: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await http
    .post(`/api/v1/fan-groups/${groupId}/help-requests`)
    .set(bearer(guest))
    .send(stayBody(extra));
  if (res.status !== 201)
    throw new Error(`request failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function propose(
  http: TestAgent,
  by: TestUser,
  requestId: string,
  offerId: string,
): Promise<string> {
  const res = await http
    .post(`/api/v1/help-requests/${requestId}/host-matches`)
    .set(bearer(by))
    .send({ offerId });
  if (res.status !== 201)
    throw new Error(`propose failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
