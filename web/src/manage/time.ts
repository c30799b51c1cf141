import { useCallback } from 'react';
import { useIntl } from 'react-intl';

/** Formats instants in a given IANA zone (the event's), in the page's language. */
export function useZonedFormat(timeZone: string | undefined) {
  const intl = useIntl();
  const dateTime = useCallback(
    (iso: string) =>
      intl.formatDate(iso, {
        timeZone,
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    [intl, timeZone],
  );
  const time = useCallback(
    (iso: string) =>
      intl.formatTime(iso, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    [intl, timeZone],
  );
  const day = useCallback(
    (iso: string) =>
      intl.formatDate(iso, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }),
    [intl, timeZone],
  );
  return { dateTime, time, day };
}

/** The hour of an instant in a zone, as `YYYY-MM-DDTHH` (sortable, for the task timeline). */
export function hourKey(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}`;
}
