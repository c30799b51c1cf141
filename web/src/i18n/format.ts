import type { IntlShape } from 'react-intl';
import { READER_TIME_ZONE } from './time-zone';

const DATE: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
};
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** The same wall-clock reading in both zones at that instant? */
function sameWallClock(date: Date, a: string, b: string): boolean {
  const f = (timeZone: string) =>
    new Intl.DateTimeFormat('en-US', { ...DATE, ...TIME, timeZone }).format(date);
  return f(a) === f(b);
}

/** A zone's name for people: the event's city when known, else the zone's generic name. */
function zonePlace(intl: IntlShape, timeZone: string, city: string | null | undefined): string {
  if (city) return city;
  const part = new Intl.DateTimeFormat(intl.locale, { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export interface EventTime {
  /** "Saturday, 26 June 2027" in the event's zone. */
  date: string;
  /** "18:00, Astana time". */
  time: string;
  /** The same instant in the reader's zone, when their clock reads differently. */
  reader?: string;
}

/** An event's start as WEB.md wants it: in the event's zone, named, and in the reader's own. */
export function formatEventTime(
  intl: IntlShape,
  iso: string,
  timeZone: string,
  city?: string | null,
): EventTime {
  const at = new Date(iso);
  const time = intl.formatMessage(
    { id: 'time.inZone' },
    { time: intl.formatDate(at, { ...TIME, timeZone }), place: zonePlace(intl, timeZone, city) },
  );
  const result: EventTime = { date: intl.formatDate(at, { ...DATE, timeZone }), time };
  if (!sameWallClock(at, timeZone, READER_TIME_ZONE)) {
    result.reader = intl.formatMessage(
      { id: 'time.yours' },
      {
        time: intl.formatDate(at, { ...DATE, ...TIME, timeZone: READER_TIME_ZONE }),
        zone: zonePlace(intl, READER_TIME_ZONE, null),
      },
    );
  }
  return result;
}

/** A short "Sat, 26 Jun 2027, 18:00" in a given zone (lists, cards). */
export function formatShortDateTime(intl: IntlShape, iso: string, timeZone: string): string {
  return intl.formatDate(new Date(iso), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...TIME,
    timeZone,
  });
}

/** A calendar day (`2027-06-25`, no zone) in the page's language. */
export function formatDay(intl: IntlShape, day: string): string {
  return intl.formatDate(new Date(`${day}T12:00:00Z`), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** An instant in the reader's own zone (comments, history). */
export function formatInstant(intl: IntlShape, iso: string): string {
  return intl.formatDate(new Date(iso), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...TIME,
    timeZone: READER_TIME_ZONE,
  });
}
