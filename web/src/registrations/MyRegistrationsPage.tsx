import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useAnnounce } from '../components/Announcer';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageTitle } from '../components/PageTitle';
import { RequireUser } from '../components/RequireUser';
import type { components } from '../api/schema';
import { formatEventTime, formatInstant } from '../i18n/format';
import { useT } from '../i18n/useT';
import { useCancelMyRegistration, useMyRegistrations } from './api';
import { QrCode } from './QrCode';

type Registration = components['schemas']['MyRegistrationDto'];

function RegistrationItem({ registration: r }: { registration: Registration }) {
  const t = useT();
  const intl = useIntl();
  const cancel = useCancelMyRegistration();
  const announce = useAnnounce();
  const when = formatEventTime(intl, r.event.startsAt, r.event.timezone, r.event.city);
  const active = r.status === 'confirmed' || r.status === 'waitlisted';
  const headingId = `registration-${r.id}`;
  return (
    <li>
      <h2 id={headingId}>
        <Link to={`/events/${r.eventId}`}>{r.event.title}</Link>
      </h2>
      <p>
        {when.date}, {when.time}
        {when.reader ? (
          <>
            <br />
            <span className="muted small">{when.reader}</span>
          </>
        ) : null}
      </p>
      {r.event.venue ? <p className="small">{r.event.venue}</p> : null}
      <p>
        <span className={`badge badge--${r.status}`}>{t(`status.${r.status}`)}</span>{' '}
        {r.status === 'waitlisted' && r.waitlistPosition
          ? t('registrations.position', { position: r.waitlistPosition })
          : null}
        {r.event.status === 'cancelled' ? ` ${t('registrations.eventCancelled')}` : null}
      </p>
      {r.status === 'confirmed' && r.checkInCode ? (
        <div>
          <h3>{t('registrations.qr.title')}</h3>
          <p className="small">{t('registrations.qr.help')}</p>
          <QrCode
            value={r.checkInCode}
            label={t('registrations.qr.alt', { title: r.event.title })}
          />
          <p className="code-text" aria-label={t('registrations.code.label')}>
            {r.checkInCode}
          </p>
          {r.checkedInAt ? (
            <p className="notice notice--success">
              {t('registrations.checkedIn', { at: formatInstant(intl, r.checkedInAt) })}
            </p>
          ) : null}
        </div>
      ) : null}
      {active ? (
        <div className="actions">
          {r.status === 'confirmed' ? (
            <a
              className="button button--secondary"
              href={`/api/v1/registrations/${r.id}/calendar.ics`}
              download="event.ics"
            >
              {t('registrations.addToCalendar')}
            </a>
          ) : null}
          <ConfirmButton
            label={r.status === 'waitlisted' ? t('event.leaveWaitlist') : t('event.cancel')}
            title={t('event.cancel.title')}
            body={t('event.cancel.body', { title: r.event.title })}
            keepLabel={t('event.cancel.keep')}
            confirmLabel={t('event.cancel.confirm')}
            pending={cancel.isPending}
            error={cancel.error}
            onOpenChange={(open) => {
              if (!open) cancel.reset();
            }}
            onConfirm={(done) =>
              cancel.mutate(r.id, {
                onSuccess: () => {
                  done();
                  announce(t('event.status.cancelled'));
                },
              })
            }
          />
        </div>
      ) : null}
    </li>
  );
}

function Registrations() {
  const t = useT();
  const list = useMyRegistrations();
  if (list.isPending) return <p className="loading">{t('page.loading')}</p>;
  if (list.isError) return <ErrorMessage error={list.error} />;
  const items = [...list.data.items].sort((a, b) => {
    const rank = (r: Registration) => (r.status === 'cancelled' ? 1 : 0);
    return rank(a) - rank(b) || Date.parse(a.event.startsAt) - Date.parse(b.event.startsAt);
  });
  if (items.length === 0) {
    return (
      <p>
        {t('registrations.none')} <Link to="/">{t('registrations.findEvents')}</Link>
      </p>
    );
  }
  return (
    <ul className="card-list">
      {items.map((r) => (
        <RegistrationItem key={r.id} registration={r} />
      ))}
    </ul>
  );
}

export function MyRegistrationsPage() {
  const t = useT();
  return (
    <RequireUser title={t('registrations.title')}>
      <section>
        <PageTitle>{t('registrations.title')}</PageTitle>
        <Registrations />
      </section>
    </RequireUser>
  );
}
