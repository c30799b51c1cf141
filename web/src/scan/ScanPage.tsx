import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../api/client';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageTitle } from '../components/PageTitle';
import { useSession } from '../hooks/session';
import { useT } from '../i18n/useT';
import { CameraReader } from './CameraReader';
import { type QueuedScan, readQueue, writeQueue } from './queue';
import './scan.css';

interface Attendee {
  displayName: string;
  country: string;
  language: string;
}

type Outcome =
  | { kind: 'ok'; code: string; attendee: Attendee; checkedInAt: string }
  | { kind: 'already'; code: string; attendee?: Attendee; checkedInAt?: string }
  | { kind: 'unknown'; code: string }
  | { kind: 'invalid'; code: string }
  | { kind: 'queued'; code: string }
  | { kind: 'error'; code: string; error: unknown };

/** The code as the server reads it (it is case-insensitive and trimmed). */
function normalize(text: string): string {
  return text.trim().toUpperCase();
}

/** One check-in, asked of the server (the judge): the answer as an outcome, or `null` offline. */
async function sendCheckIn(eventId: string, code: string): Promise<Outcome | null> {
  let response: Response;
  let body: unknown;
  try {
    const result = await api.POST('/api/v1/events/{eventId}/check-ins', {
      params: { path: { eventId } },
      body: { code },
    });
    response = result.response;
    body = result.data ?? result.error;
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  if (response.ok) {
    const data = body as { attendee: Attendee; checkedInAt: string };
    return { kind: 'ok', code, attendee: data.attendee, checkedInAt: data.checkedInAt };
  }
  const error = new ApiError(response.status, body);
  if (error.code === 'ALREADY_CHECKED_IN') {
    const b = error.body as { checkedInAt?: string; attendee?: Attendee };
    return { kind: 'already', code, attendee: b.attendee, checkedInAt: b.checkedInAt };
  }
  if (response.status === 404) return { kind: 'unknown', code };
  if (response.status === 400) return { kind: 'invalid', code };
  return { kind: 'error', code, error };
}

export function ScanPage() {
  const { eventId = '' } = useParams();
  const t = useT();
  const intl = useIntl();
  const announce = useAnnounce();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Outcome | null>(null);
  const [queue, setQueue] = useState<QueuedScan[]>([]);
  const [sentFromQueue, setSentFromQueue] = useState<Outcome[]>([]);
  const [typed, setTyped] = useState('');
  const [camera, setCamera] = useState(false);
  // The last code handled: the camera sees the same QR code many times a second.
  const lastCode = useRef<string | null>(null);
  const flushing = useRef(false);

  const event = useQuery({
    queryKey: ['event', eventId],
    queryFn: () => unwrap(api.GET('/api/v1/events/{eventId}', { params: { path: { eventId } } })),
    enabled: Boolean(user),
  });
  const summary = useQuery({
    queryKey: ['check-in-summary', eventId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/events/{eventId}/check-ins/summary', { params: { path: { eventId } } }),
      ),
    enabled: Boolean(user),
    refetchInterval: 15_000,
  });

  const timeZone = event.data?.timezone;
  const time = useCallback(
    (iso: string | undefined) =>
      iso
        ? intl.formatTime(iso, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        : '',
    [intl, timeZone],
  );
  const describe = useCallback(
    (outcome: Outcome): string => {
      switch (outcome.kind) {
        case 'ok':
          return t('scan.result.ok', { name: outcome.attendee.displayName });
        case 'already':
          return t('scan.result.already', { time: time(outcome.checkedInAt) });
        case 'unknown':
          return t('scan.result.unknown');
        case 'invalid':
          return t('scan.result.invalid');
        case 'queued':
          return t('scan.result.queued');
        case 'error':
          return t('scan.result.error');
      }
    },
    [t, time],
  );

  useEffect(() => {
    void readQueue(eventId).then(setQueue);
  }, [eventId]);

  const show = useCallback(
    (outcome: Outcome) => {
      setResult(outcome);
      announce(describe(outcome));
      if (outcome.kind === 'ok' || outcome.kind === 'already') {
        void queryClient.invalidateQueries({ queryKey: ['check-in-summary', eventId] });
      }
    },
    [announce, describe, queryClient, eventId],
  );

  const enqueue = useCallback(
    async (code: string) => {
      const current = await readQueue(eventId);
      if (!current.some((q) => q.code === code)) {
        current.push({ code, scannedAt: new Date().toISOString() });
        await writeQueue(eventId, current);
      }
      setQueue(current);
      show({ kind: 'queued', code });
    },
    [eventId, show],
  );

  /** Sends the queued scans in order while the network holds; the server judges each. */
  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      let pending = await readQueue(eventId);
      while (pending.length > 0) {
        const outcome = await sendCheckIn(eventId, pending[0].code).catch(
          (error: unknown): Outcome => ({ kind: 'error', code: pending[0].code, error }),
        );
        if (outcome === null) break;
        pending = pending.slice(1);
        await writeQueue(eventId, pending);
        setQueue(pending);
        setSentFromQueue((list) => [outcome, ...list].slice(0, 20));
        announce(describe(outcome));
      }
      void queryClient.invalidateQueries({ queryKey: ['check-in-summary', eventId] });
    } finally {
      flushing.current = false;
    }
  }, [eventId, announce, describe, queryClient]);

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    if (navigator.onLine) void flush();
    return () => window.removeEventListener('online', online);
  }, [flush]);

  const check = useCallback(
    async (raw: string) => {
      const code = normalize(raw);
      if (!code || code === lastCode.current) return;
      lastCode.current = code;
      if (!navigator.onLine) {
        await enqueue(code);
        return;
      }
      const outcome = await sendCheckIn(eventId, code).catch((error: unknown): Outcome => ({
        kind: 'error',
        code,
        error,
      }));
      if (outcome === null) await enqueue(code);
      else show(outcome);
    },
    [eventId, enqueue, show],
  );

  const next = () => {
    lastCode.current = null;
    setResult(null);
  };

  if (!user) {
    return (
      <section>
        <PageTitle>{t('scan.title')}</PageTitle>
        <p>
          <Link to="/login">{t('error.unauthorized')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className={`scan scan--${result?.kind ?? 'idle'}`}>
      <PageTitle title={t('scan.title')}>
        {t('scan.title')}
        {event.data ? <span className="scan-event">{event.data.title}</span> : null}
      </PageTitle>
      <ErrorMessage error={event.error ?? summary.error} />

      {summary.data ? (
        <p className="scan-counter">
          {t('scan.counter', {
            checkedIn: summary.data.checkedIn,
            confirmed: summary.data.confirmed,
          })}
        </p>
      ) : null}

      {result ? (
        <div className={`scan-result scan-result--${result.kind}`}>
          <p className="scan-result__headline">{describe(result)}</p>
          {(result.kind === 'ok' || result.kind === 'already') && result.attendee ? (
            <Attendee attendee={result.attendee} />
          ) : null}
          <p className="scan-result__code">{result.code}</p>
          <Button className="button scan-next" onPress={next}>
            {t('scan.next')}
          </Button>
        </div>
      ) : null}

      <Form
        className="scan-entry"
        onSubmit={(e) => {
          e.preventDefault();
          const code = typed;
          setTyped('');
          // A code typed on purpose is checked even when it was the last one.
          lastCode.current = null;
          void check(code);
        }}
      >
        <TextField value={typed} onChange={setTyped} className="field" autoFocus>
          <Label>{t('scan.code.label')}</Label>
          <Input autoComplete="off" autoCapitalize="characters" spellCheck={false} />
        </TextField>
        <Button type="submit" className="button">
          {t('scan.code.submit')}
        </Button>
      </Form>

      <div className="actions">
        <Button className="button button--secondary" onPress={() => setCamera((on) => !on)}>
          {camera ? t('scan.camera.stop') : t('scan.camera.start')}
        </Button>
      </div>
      {camera ? <CameraReader onCode={(code) => void check(code)} /> : null}

      {queue.length > 0 ? (
        <div className="notice notice--warning scan-queue">
          <p>{t('scan.queue.count', { count: queue.length })}</p>
          <ul>
            {queue.map((q) => (
              <li key={q.code}>
                <code>{q.code}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {sentFromQueue.length > 0 ? (
        <div className="scan-sent">
          <h2>{t('scan.queue.sent')}</h2>
          <ul>
            {sentFromQueue.map((o, i) => (
              <li key={`${o.code}-${i}`}>
                <code>{o.code}</code>: {describe(o)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Attendee({ attendee }: { attendee: Attendee }) {
  const intl = useIntl();
  const t = useT();
  const name = (type: 'region' | 'language', code: string) => {
    try {
      return new Intl.DisplayNames([intl.locale], { type }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return (
    <dl className="scan-result__attendee">
      <dt>{t('scan.attendee.name')}</dt>
      <dd className="scan-result__name">{attendee.displayName}</dd>
      <dt>{t('scan.attendee.country')}</dt>
      <dd>{name('region', attendee.country)}</dd>
      <dt>{t('scan.attendee.language')}</dt>
      <dd>{name('language', attendee.language)}</dd>
    </dl>
  );
}
