import { createEvents, type EventAttributes } from 'ics';
import type { Language } from '../../common/locale.js';
import { qrPng } from './qr-png.js';
import type { MailAttachment } from './template.types.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string | number | null | undefined): string {
  return `${value ?? ''}`.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Tagged template for HTML: every interpolated value is escaped; wrap trusted HTML in `raw()`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => {
    if (i === 0) return s;
    const v = values[i - 1];
    const text = v instanceof RawHtml ? v.value : escapeHtml(v as string | number | null);
    return out + text + s;
  }, '');
}

export class RawHtml {
  constructor(readonly value: string) {}
}
export const raw = (value: string) => new RawHtml(value);

const LOCALES: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

// Building an Intl.DateTimeFormat costs far more than formatting with one: one per language
// and zone, kept (a handful in practice: the zones of the events being mailed).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    if (formatters.size >= 1000) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** "26 June 2026, 18:00 (Asia/Almaty)" in the reader's language and the event's zone. */
export function formatInZone(when: Date | string, timeZone: string, language: Language): string {
  const date = typeof when === 'string' ? new Date(when) : when;
  return `${formatter(language, timeZone).format(date)} (${timeZone})`;
}

/** Marks where the e-mail's links go in `layout()`; the renderer puts them there. */
export const LINKS_MARKER = '<!--fanevents:links-->';

/** The common HTML frame of every e-mail. */
export function layout(language: Language, title: string, bodyHtml: string): string {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
      </head>
      <body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#222">
        ${raw(bodyHtml)} ${raw(LINKS_MARKER)}
        <hr />
        <p style="font-size:12px;color:#777">Fan Events</p>
      </body>
    </html>`;
}

export interface IcsInput {
  uid: string;
  title: string;
  start: Date | string;
  end?: Date | string | null;
  location?: string | null;
  description?: string | null;
  /** CONFIRMED, TENTATIVE (waitlisted) or CANCELLED (the same UID then updates the entry). */
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** A page about the entry (the event page). */
  url?: string | null;
}

/** One VEVENT's attributes, with UTC times (calendar apps convert to local time). */
function icsEvent(input: IcsInput): EventAttributes {
  const start = new Date(input.start).getTime();
  const end = input.end ? new Date(input.end).getTime() : start + 2 * 3600_000;
  return {
    uid: input.uid,
    title: input.title,
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end,
    endInputType: 'utc',
    endOutputType: 'utc',
    ...(input.location ? { location: input.location } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.url ? { url: input.url } : {}),
    productId: 'fanevents/ics',
  };
}

/**
 * An iCalendar (RFC 5545) document of `entries`: the e-mail invitations, the registration
 * download and the calendar feed all come from here. `method: 'PUBLISH'` for a file to import;
 * a subscribed feed carries none, but a calendar name.
 */
export function buildIcs(
  entries: IcsInput[],
  options: { method?: 'PUBLISH'; calName?: string } = {},
): string {
  const { error, value } = createEvents(entries.map(icsEvent), {
    productId: 'fanevents/ics',
    ...options,
  });
  if (error || !value) throw error ?? new Error('ics generation failed');
  return value;
}

/** An `.ics` invitation with UTC times (calendar apps convert to local time). */
export function icsAttachment(input: IcsInput, filename = 'invite.ics'): MailAttachment {
  return {
    filename,
    content: buildIcs([input], { method: 'PUBLISH' }),
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
  };
}

/** A PNG QR code for a check-in code, inline in the HTML as `cid:checkin-qr`. */
export function qrAttachment(code: string): Promise<MailAttachment> {
  const content = qrPng(code, 240);
  return Promise.resolve({
    filename: 'check-in.png',
    content,
    contentType: 'image/png',
    cid: 'checkin-qr',
  });
}
