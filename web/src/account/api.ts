import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useSession } from '../hooks/session';

type Schemas = components['schemas'];

/** Signs in; the server sets the session cookies, the app reads who it is from `fe_user`. */
export function useLogin() {
  const { refresh } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['LoginDto']) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: () => {
      queryClient.clear();
      refresh();
    },
  });
}

export function useSignup() {
  const { refresh } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['SignupDto']) => unwrap(api.POST('/api/v1/auth/signup', { body })),
    onSuccess: () => {
      queryClient.clear();
      refresh();
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      unwrap(api.POST('/api/v1/auth/password-reset', { body: { email } })),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body })),
  });
}

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: () => unwrap(api.GET('/api/v1/me')),
  });
}

export function useUpdateMe() {
  const { refresh } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateMeDto']) => unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: (user) => {
      queryClient.setQueryData(['me'], user);
      // The server rewrote `fe_user` (name, language).
      refresh();
    },
  });
}

export function useDeleteAccount() {
  const { refresh } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/me')),
    onSuccess: () => {
      queryClient.clear();
      refresh();
    },
  });
}
