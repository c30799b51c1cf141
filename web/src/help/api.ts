import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useSession } from '../hooks/session';
import { useLanguage } from '../i18n/I18nProvider';

type Schemas = components['schemas'];

export function useMyHelpRequests() {
  const { user } = useSession();
  return useQuery({
    queryKey: ['me', 'help', user?.id],
    queryFn: () => unwrap(api.GET('/api/v1/me/help-requests')),
    enabled: !!user,
  });
}

/** A request and its thread follow the helpers' answers while the page is open. */
const THREAD_MS = 15_000;

export function useHelpRequest(requestId: string) {
  return useQuery({
    queryKey: ['help', requestId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/help-requests/{requestId}', { params: { path: { requestId } } })),
    staleTime: 0,
    refetchInterval: THREAD_MS,
  });
}

export function useHelpComments(requestId: string) {
  return useQuery({
    queryKey: ['help', requestId, 'comments'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/help-requests/{requestId}/comments', { params: { path: { requestId } } }),
      ),
    staleTime: 0,
    refetchInterval: THREAD_MS,
  });
}

export function useAddComment(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST('/api/v1/help-requests/{requestId}/comments', {
          params: { path: { requestId } },
          body: { body },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['help', requestId] }),
  });
}

export function useCancelHelpRequest(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/help-requests/{requestId}', {
          params: { path: { requestId } },
          body: { status: 'cancelled' },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['help', requestId] });
      void queryClient.invalidateQueries({ queryKey: ['me', 'help'] });
    },
  });
}

/** The group a new request goes to, by its address. */
export function useHelpGroup(slug: string) {
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

/** The group's upcoming events, to say which one the request is about. */
export function useHelpGroupEvents(groupId: string | undefined) {
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

export function useCreateHelpRequest(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateHelpRequestDto']) =>
      unwrap(
        api.POST('/api/v1/fan-groups/{groupId}/help-requests', {
          params: { path: { groupId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me', 'help'] }),
  });
}
