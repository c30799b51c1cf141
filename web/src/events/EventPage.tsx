import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useAnnounce } from '../components/Announcer';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageTitle } from '../components/PageTitle';
import { loginPath } from '../hooks/safe-next';
import { useSession } from '../hooks/session';
import { formatEventTime } from '../i18n/format';
import { useT } from '../i18n/useT';
import {
  type EventDetail,
  useCancelRegistration,
  useEvent,
  useGroup,
  useRegister,
  type Viewer,
} from './api';

function mapLink(event: EventDetail): string {
  const query = [event.venue, event.city].filter(Boolean).join(', ');
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}

/** Reads out the reader's own status when it changes while the page is open. */
function useAnnounceViewer(viewer: Viewer | null | undefined) {
  const t = useT();
  const announce = useAnnounce();
  const previous = useRef<string | undefined>(undefined);
  const key = viewer ? `${viewer.status}:${viewer.waitlistPosition ?? ''}` : 'none';
  useEffect(() => {
    const before = previous.current;
    previous.current = key;
    if (before === undefined || before === key || !viewer) return;
    if (viewer.status === 'confirmed') {
      announce(
        before.startsWith('waitlisted') ? t('event.status.promoted') : t('event.status.confirmed'),
      );
    } else if (viewer.status === 'waitlisted') {
      announce(t('event.status.waitlisted', { position: viewer.waitlistPosition ?? 0 }));
    }
  }, [key, viewer, announce, t]);
}

function MyStatus({ event, viewer }: { event: EventDetail; viewer: Viewer }) {
  const t = useT();
  const cancel = useCancelRegistration(event.id);
  const announce = useAnnounce();
  return (
    <div
      className={`notice ${viewer.status === 'confirmed' ? 'notice--success' : 'notice--warning'}`}
    >
      <h2>{t('event.yourPlace')}</h2>
      {viewer.status === 'confirmed' ? (
        <>
          <p>
            <span className="badge badge--confirmed">{t('status.confirmed')}</span>{' '}
            {t('event.youAreRegistered')}
          </p>
          <p>
            <Link to="/me/registrations">{t('event.seeQr')}</Link>
          </p>
        </>
      ) : viewer.status === 'waitlisted' ? (
        <p>
          <span className="badge badge--waitlisted">{t('status.waitlisted')}</span>{' '}
          {t('event.youAreWaitlisted', { position: viewer.waitlistPosition ?? 0 })}
        </p>
      ) : (
        <p>
          <span className="badge badge--applied">{t('status.applied')}</span>{' '}
          {t('event.youApplied')}
        </p>
      )}
      <ConfirmButton
        label={viewer.status === 'waitlisted' ? t('event.leaveWaitlist') : t('event.cancel')}
        title={t('event.cancel.title')}
        body={t('event.cancel.body', { title: event.title })}
        keepLabel={t('event.cancel.keep')}
        confirmLabel={t('event.cancel.confirm')}
        pending={cancel.isPending}
        error={cancel.error}
        onOpenChange={(open) => {
          if (!open) cancel.reset();
        }}
        onConfirm={(done) =>
          cancel.mutate(viewer.registrationId, {
            onSuccess: () => {
              done();
              announce(t('event.status.cancelled'));
            },
          })
        }
      />
    </div>
  );
}

/** `now`: when the event was read from the server (a render must not read the clock). */
function RegisterAction({ event, now }: { event: EventDetail; now: number }) {
  const t = useT();
  const { user } = useSession();
  const register = useRegister(event.id);
  const announce = useAnnounce();
  const left = Math.max(0, event.capacity - event.confirmedCount);
  const closed =
    event.status !== 'published' ||
    (event.registrationClosesAt !== null && Date.parse(event.registrationClosesAt) <= now);
  if (event.status === 'cancelled') {
    return <p className="notice notice--warning">{t('event.cancelledByOrganizer')}</p>;
  }
  if (closed) return <p className="notice">{t('event.registrationClosed')}</p>;
  if (left === 0 && !event.waitlistEnabled) return <p className="notice">{t('event.full')}</p>;
  const label = left > 0 ? t('event.register') : t('event.joinWaitlist');
  if (!user) {
    return (
      <div className="actions">
        <Link className="button" to={loginPath()}>
          {t('event.loginToRegister')}
        </Link>
        <Link to="/signup">{t('nav.signup')}</Link>
      </div>
    );
  }
  return (
    <>
      <ErrorMessage error={register.error} />
      <div className="actions">
        <Button
          className="button"
          isDisabled={register.isPending}
          onPress={() =>
            register.mutate(undefined, {
              onSuccess: (r) =>
                announce(
                  r.status === 'confirmed'
                    ? t('event.status.confirmed')
                    : t('event.status.waitlisted', { position: r.waitlistPosition ?? 0 }),
                ),
            })
          }
        >
          {label}
        </Button>
      </div>
    </>
  );
}

function Seats({ event }: { event: EventDetail }) {
  const t = useT();
  const left = Math.max(0, event.capacity - event.confirmedCount);
  return (
    <p className="seats">
      {left > 0 ? t('event.seatsLeft', { count: left }) : t('event.noSeatsLeft')}{' '}
      <span className="muted">{t('event.capacity', { count: event.capacity })}</span>
      {event.waitlistCount > 0 ? (
        <>
          <br />
          {t('event.waitlistCount', { count: event.waitlistCount })}
        </>
      ) : null}
    </p>
  );
}

export function EventPage() {
  const t = useT();
  const intl = useIntl();
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  const group = useGroup(event.data?.groupId);
  useAnnounceViewer(event.data?.viewer);
  if (event.isPending) return <p className="loading">{t('page.loading')}</p>;
  if (event.isError) {
    return (
      <section>
        <PageTitle>{t('event.notFound')}</PageTitle>
        <ErrorMessage error={event.error} />
        <Link to="/">{t('page.notFound.home')}</Link>
      </section>
    );
  }
  const e = event.data;
  const when = formatEventTime(intl, e.startsAt, e.timezone, e.city);
  return (
    <article>
      <PageTitle>{e.title}</PageTitle>
      {group.data ? (
        <p className="muted">
          {t('event.byGroup')} <Link to={`/groups/${group.data.slug}`}>{group.data.name}</Link>
        </p>
      ) : null}
      <div className="event-layout">
        <div>
          <dl className="meta">
            <dt>{t('event.when')}</dt>
            <dd>
              <span className="event-when">{when.date}</span>
              <br />
              <span className="event-when">{when.time}</span>
              {when.reader ? (
                <>
                  <br />
                  <span className="muted">{when.reader}</span>
                </>
              ) : null}
            </dd>
            {e.venue || e.city ? (
              <>
                <dt>{t('event.where')}</dt>
                <dd>
                  {[e.venue, e.city].filter(Boolean).join(', ')}
                  <br />
                  <a href={mapLink(e)} target="_blank" rel="noopener noreferrer">
                    {t('event.openMap')}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
          {e.description ? <p className="description">{e.description}</p> : null}
        </div>
        <aside className="card" aria-labelledby="seats-heading">
          <h2 id="seats-heading">{t('event.seats')}</h2>
          <Seats event={e} />
          {e.viewer ? (
            <MyStatus event={e} viewer={e.viewer} />
          ) : (
            <RegisterAction event={e} now={event.dataUpdatedAt} />
          )}
          {group.data ? (
            <p className="small">
              <Link to={`/groups/${group.data.slug}/help/new?eventId=${e.id}`}>
                {t('event.askForHelp')}
              </Link>
            </p>
          ) : null}
        </aside>
      </div>
    </article>
  );
}
