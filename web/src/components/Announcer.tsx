import { createContext, type ReactNode, use, useCallback, useMemo, useState } from 'react';

type Announce = (message: string) => void;

const AnnounceContext = createContext<Announce>(() => undefined);

/**
 * One polite live region for the whole app: status changes (registered, waitlisted, moved up,
 * saved) are read out by screen readers and shown to everyone at the top of the page.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  // A counter in the key makes the same text twice in a row still be announced.
  const [count, setCount] = useState(0);
  const announce = useCallback<Announce>((text) => {
    setMessage(text);
    setCount((c) => c + 1);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext value={value}>
      {children}
      <div className="status-region" role="status" aria-live="polite" aria-atomic="true">
        {message ? <p key={count}>{message}</p> : null}
      </div>
    </AnnounceContext>
  );
}

export function useAnnounce(): Announce {
  return use(AnnounceContext);
}
