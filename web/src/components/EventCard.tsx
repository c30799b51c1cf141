import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { formatShortDateTime } from '../i18n/format';
import { useT } from '../i18n/useT';

interface EventCardProps {
  event: {
    id: string;
    title: string;
    startsAt: string;
    timezone: string;
    city: string | null;
    venue: string | null;
    capacity: number;
    confirmedCount: number;
    waitlistEnabled: boolean;
  };
  headingLevel?: 2 | 3;
}

/** An event in a list: title (the link), when in its own zone, where, seats. */
export function EventCard({ event, headingLevel = 3 }: EventCardProps) {
  const t = useT();
  const intl = useIntl();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const left = Math.max(0, event.capacity - event.confirmedCount);
  return (
    <>
      <Heading>
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </Heading>
      <p className="muted">
        {formatShortDateTime(intl, event.startsAt, event.timezone)}
        {event.city ? ` · ${event.city}` : ''}
      </p>
      {event.venue ? <p className="small">{event.venue}</p> : null}
      <p className="small">
        {left > 0
          ? t('event.seatsLeft', { count: left })
          : event.waitlistEnabled
            ? t('event.fullWaitlistOpen')
            : t('event.full')}
      </p>
    </>
  );
}
