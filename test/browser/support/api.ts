import { randomBytes } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { paths } from '../../../web/src/api/schema.js';

/** The API of the server under test, typed from the same document as the web app's client. */
export function apiClient(token?: string) {
  return createClient<paths>({
    baseUrl: process.env.BROWSER_BASE_URL,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

export const PASSWORD = 'preparty-2026';

export function uniqueEmail(name: string): string {
  return `${name}-${randomBytes(4).toString('hex')}@example.test`;
}

function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (!result.response.ok || result.data === undefined) {
    throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  token: string;
}

export async function createUser(input: {
  displayName: string;
  country?: string;
  language?: 'en' | 'ru' | 'kk';
  email?: string;
}): Promise<TestUser> {
  const email =
    input.email ?? uniqueEmail(input.displayName.toLowerCase().replace(/\W+/g, '') || 'fan');
  const data = ok(
    await apiClient().POST('/api/v1/auth/signup', {
      body: {
        email,
        password: PASSWORD,
        displayName: input.displayName,
        country: input.country ?? 'KZ',
        language: input.language ?? 'en',
      },
    }),
    'signup',
  );
  return {
    id: data.user.id,
    email,
    password: PASSWORD,
    displayName: input.displayName,
    token: data.accessToken,
  };
}

export async function createGroup(organizer: TestUser, name: string) {
  return ok(
    await apiClient(organizer.token).POST('/api/v1/fan-groups', {
      body: {
        name,
        description: `${name}: fans who meet before the concert.`,
        country: 'KZ',
        city: 'Astana',
      },
    }),
    'create group',
  );
}

type CreateEventBody =
  paths['/api/v1/fan-groups/{groupId}/events']['post']['requestBody']['content']['application/json'];

/** Organizer text in other languages (API.md, translations). */
export type EventTexts = Partial<
  Record<'en' | 'ru' | 'kk', { title?: string; description?: string; venue?: string }>
>;

/** A published event of the group, 26 June next year 18:00 in Asia/Almaty unless told otherwise. */
export async function createPublishedEvent(
  organizer: TestUser,
  groupId: string,
  overrides: Partial<Omit<CreateEventBody, 'translations'>> & { translations?: EventTexts } = {},
) {
  const year = new Date().getUTCFullYear() + 1;
  const client = apiClient(organizer.token);
  const event = ok(
    await client.POST('/api/v1/fan-groups/{groupId}/events', {
      params: { path: { groupId } },
      body: {
        title: 'World Fan Groups PreParty',
        description: 'Meet fans from every country on the eve of the stadium concert.',
        venue: 'Barys Arena, Turan Ave 57',
        city: 'Astana',
        // 18:00 in Asia/Almaty (UTC+5) is 13:00 UTC.
        startsAt: `${year}-06-26T13:00:00.000Z`,
        endsAt: `${year}-06-26T17:00:00.000Z`,
        timezone: 'Asia/Almaty',
        capacity: 50,
        ...overrides,
        // The generated type of `translations` is off (a schema reference the generator cannot
        // resolve); the shape is API.md's.
        translations: overrides.translations as CreateEventBody['translations'],
      },
    }),
    'create event',
  );
  ok(
    await client.POST('/api/v1/events/{eventId}/publish', {
      params: { path: { eventId: event.id } },
    }),
    'publish event',
  );
  return event;
}
