import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { useSession } from './session';

/** Signs out: the server clears both cookies, the app forgets the user. */
export function useLogout() {
  const { refresh } = useSession();
  return useMutation({
    mutationFn: async () => {
      const res = await fetch('/api/v1/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'fanevents-web' },
      });
      if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
    },
    onSettled: refresh,
  });
}
