import { apiClient, type TestUser } from './api.js';

function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (!result.response.ok || result.data === undefined) {
    throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

/** Registers a fan for an event through the API; the answer and the fan's check-in code. */
export async function registerFan(fan: TestUser, eventId: string) {
  const client = apiClient(fan.token);
  const registration = ok(
    await client.POST('/api/v1/events/{eventId}/registrations', {
      params: { path: { eventId } },
      body: {},
    }),
    'register',
  );
  const mine = ok(await client.GET('/api/v1/me/registrations', {}), 'my registrations');
  const code = mine.items.find((r) => r.id === registration.id)?.checkInCode ?? null;
  return { id: registration.id, status: registration.status, code };
}

/** Gives a member of the group a role (they join first). */
export async function addMember(
  organizer: TestUser,
  groupId: string,
  user: TestUser,
  role: 'member' | 'volunteer' | 'organizer',
) {
  ok(
    await apiClient(user.token).POST('/api/v1/fan-groups/{groupId}/join', {
      params: { path: { groupId } },
    }),
    'join',
  );
  if (role !== 'member') {
    ok(
      await apiClient(organizer.token).PUT('/api/v1/fan-groups/{groupId}/members/{userId}', {
        params: { path: { groupId, userId: user.id } },
        body: { role },
      }),
      'set role',
    );
  }
}

export { ok };
