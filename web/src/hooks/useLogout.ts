import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useSession } from './session';

/** Signs out: the server clears both cookies, the app forgets the user. */
export function useLogout() {
  const { refresh } = useSession();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: refresh,
  });
}
