import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useSession } from '../hooks/session';
import { useLanguage } from '../i18n/I18nProvider';

export function useGroupBySlug(slug: string) {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['group', 'slug', slug, language],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fan-groups/by-slug/{slug}', {
          params: { path: { slug }, query: { lang: language } },
        }),
      ),
  });
}

export function useGroupEvents(groupId: string | undefined) {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['group', groupId, 'events', language],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fan-groups/{groupId}/events', {
          params: {
            path: { groupId: groupId! },
            query: { status: 'published', from: new Date().toISOString(), lang: language },
          },
        }),
      ),
    enabled: !!groupId,
  });
}

/** My role in each of my groups (signed in only). */
export function useMyGroups() {
  const { user } = useSession();
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['me', 'groups', user?.id, language],
    queryFn: () => unwrap(api.GET('/api/v1/me/groups', { params: { query: { lang: language } } })),
    enabled: !!user,
  });
}

export function useJoinGroup(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/fan-groups/{groupId}/join', { params: { path: { groupId } } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['me', 'groups'] });
      void queryClient.invalidateQueries({ queryKey: ['group'] });
    },
  });
}
