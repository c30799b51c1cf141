import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useSession } from '../hooks/session';
import { useLanguage } from '../i18n/I18nProvider';

export function useMyRegistrations() {
  const { user } = useSession();
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['me', 'registrations', user?.id, language],
    queryFn: () =>
      unwrap(api.GET('/api/v1/me/registrations', { params: { query: { lang: language } } })),
    enabled: !!user,
    // A waitlisted fan watches their place move up.
    refetchInterval: 10_000,
  });
}

export function useCancelMyRegistration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (registrationId: string) =>
      unwrap(
        api.POST('/api/v1/registrations/{registrationId}/cancel', {
          params: { path: { registrationId } },
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['me', 'registrations'] });
      void queryClient.invalidateQueries({ queryKey: ['event'] });
    },
  });
}
