import {
  createContext,
  type ReactNode,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
} from 'react';

/** Who is signed in, as the server wrote it in the readable `fe_user` cookie (no token). */
export interface SessionUser {
  id: string;
  displayName: string;
  language: string;
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function readSessionCookie(cookie: string = document.cookie): SessionUser | null {
  const raw = cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('fe_user='))
    ?.slice('fe_user='.length);
  if (!raw) return null;
  try {
    const value = JSON.parse(decodeBase64Url(decodeURIComponent(raw))) as Partial<SessionUser>;
    if (typeof value.id !== 'string' || typeof value.displayName !== 'string') return null;
    return { id: value.id, displayName: value.displayName, language: value.language ?? '' };
  } catch {
    return null;
  }
}

/** Dispatched on window by the query cache when the API answers 401. */
export const UNAUTHORIZED_EVENT = 'fanevents:unauthorized';

interface SessionContextValue {
  user: SessionUser | null;
  /** Re-reads the cookie after the server changed it (sign-in, sign-out, profile update). */
  refresh(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(() => readSessionCookie());
  const refresh = useCallback(() => setUser(readSessionCookie()), []);
  // A 401 means the server ended the session (and cleared the cookies): follow it.
  useEffect(() => {
    window.addEventListener(UNAUTHORIZED_EVENT, refresh);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, refresh);
  }, [refresh]);
  const value = useMemo(() => ({ user, refresh }), [user, refresh]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
