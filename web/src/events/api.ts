import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useSession } from '../hooks/session';
import { useLanguage } from '../i18n/I18nProvider';

type Schemas = components['schemas'];

export type EventDetail = Schemas['EventDetailDto'];
/** The caller's own registration, as `GET /events/:id` tells a signed-in reader. */
export type Viewer = Schemas['EventViewerDto'];

/** While the page is open, seats, the waitlist and the reader's own place follow the server. */
const LIVE_MS = 5_000;

export function useEvent(eventId: string) {
  const { language } = useLanguage();
  const { user } = useSession();
  return useQuery({
    queryKey: ['event', eventId, language, user?.id ?? null],
    // The organizer's text in the page's language: one request for the whole page.
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/events/{eventId}', {
          params: { path: { eventId }, query: { lang: language } },
        }),
      ),
    refetchInterval: LIVE_MS,
  });
}

/** The group behind an event (its name and address), fetched after the event is shown. */
export function useGroup(groupId: string | undefined) {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['group', groupId, language],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fan-groups/{groupId}', {
          params: { path: { groupId: groupId! }, query: { lang: language } },
        }),
      ),
    enabled: !!groupId,
    staleTime: 5 * 60_000,
  });
}

export function useUpcomingEvents() {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['events', 'upcoming', language],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/events', {
          params: { query: { from: new Date().toISOString(), limit: 50, lang: language } },
        }),
      ),
  });
}

export function useGroups(search: string) {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['groups', search, language],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fan-groups', {
          params: { query: { limit: 20, lang: language, ...(search ? { search } : {}) } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useRegister(eventId: string) {
  const queryClient = useQueryClient();
  const { language } = useLanguage();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/events/{eventId}/registrations', {
          params: { path: { eventId } },
          body: { language },
          // A retried click (a flaky network) must not register twice.
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['event', eventId] }),
  });
}

export function useCancelRegistration(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (registrationId: string) =>
      unwrap(
        api.POST('/api/v1/registrations/{registrationId}/cancel', {
          params: { path: { registrationId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['event', eventId] }),
  });
}
