import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useSession } from '../hooks/session';

/** The group behind a dashboard address, by its slug. */
export function useGroupBySlug(slug: string) {
  return useQuery({
    queryKey: ['group-by-slug', slug],
    queryFn: () =>
      unwrap(api.GET('/api/v1/fan-groups/by-slug/{slug}', { params: { path: { slug } } })),
  });
}

/** The signed-in user's role in a group (`undefined` while loading, `null` when not a member). */
export function useMyRole(groupId: string | undefined) {
  const { user } = useSession();
  const query = useQuery({
    queryKey: ['my-groups'],
    queryFn: () => unwrap(api.GET('/api/v1/me/groups', { params: { query: { limit: 100 } } })),
    enabled: Boolean(user),
  });
  if (!user) return null;
  if (!query.data || !groupId) return undefined;
  return query.data.items.find((g) => g.group.id === groupId)?.role ?? null;
}

/** Every member of a group (pages of 100). */
export function useMembers(groupId: string | undefined) {
  return useQuery({
    queryKey: ['members', groupId],
    enabled: Boolean(groupId),
    queryFn: async () => {
      const all = [];
      for (let offset = 0; ; offset += 100) {
        const page = await unwrap(
          api.GET('/api/v1/fan-groups/{groupId}/members', {
            params: { path: { groupId: groupId! }, query: { limit: 100, offset } },
          }),
        );
        all.push(...page.items);
        if (offset + page.items.length >= page.total || page.items.length === 0) return all;
      }
    },
  });
}
