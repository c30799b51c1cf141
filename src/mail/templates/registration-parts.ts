import type { Language } from '../../common/locale.js';
import { formatInZone, html, icsAttachment, layout, qrAttachment, raw } from './render-utils.js';
import type { RenderedMail, TemplateContext } from './template.types.js';

/** Shared parts of the registration e-mails (one template file per kind beside this one). */

/** The event snapshot every registration e-mail carries (times as ISO strings in UTC). */
export interface RegistrationMailData {
  registrationId: string;
  eventId: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  timezone: string;
  venue: string | null;
  city: string | null;
  /** Confirmed and promoted registrations only: shown as a QR image and as text. */
  checkInCode?: string;
  /** Waitlisted registrations only: 1 is next in line. */
  position?: number;
}

export interface EventCancelledData {
  eventId: string;
  title: string;
  startsAt: string;
  timezone: string;
}

export const place = (d: { venue: string | null; city: string | null }): string =>
  [d.venue, d.city].filter(Boolean).join(', ');

interface Words {
  hello: (name: string) => string;
  when: string;
  where: string;
  code: string;
}

export const WORDS: Record<Language, Words> = {
  en: { hello: (n) => `Hello ${n},`, when: 'When', where: 'Where', code: 'Check-in code' },
  ru: {
    hello: (n) => `Здравствуйте, ${n}!`,
    when: 'Когда',
    where: 'Где',
    code: 'Код для входа',
  },
  kk: {
    hello: (n) => `Сәлеметсіз бе, ${n}!`,
    when: 'Қашан',
    where: 'Қайда',
    code: 'Кіру коды',
  },
};

/** Text lines and HTML rows describing the event, in the reader's language and the event's zone. */
export function eventDetails(d: RegistrationMailData | EventCancelledData, language: Language) {
  const w = WORDS[language];
  const when = formatInZone(d.startsAt, d.timezone, language);
  const where = 'venue' in d ? place(d) : '';
  const text = `${d.title}\n${w.when}: ${when}\n${where ? `${w.where}: ${where}\n` : ''}`;
  const htmlPart = html`<p>
    <strong>${d.title}</strong><br />${w.when}:
    ${when}${where ? raw(html`<br />${w.where}: ${where}`) : ''}
  </p>`;
  return { text, html: htmlPart };
}

/** A notice without a seat (waitlisted, event cancelled): greeting, intro line, event. */
export function eventNotice(
  d: RegistrationMailData | EventCancelledData,
  ctx: TemplateContext,
  subject: string,
  intro: string,
): RenderedMail {
  const w = WORDS[ctx.language];
  const details = eventDetails(d, ctx.language);
  return {
    subject,
    text: `${w.hello(ctx.recipientName)}\n\n${intro}\n\n${details.text}`,
    html: layout(
      ctx.language,
      subject,
      html`<p>${w.hello(ctx.recipientName)}</p>
        <p>${intro}</p>
        ${raw(details.html)}`,
    ),
  };
}

/** A confirmation (first time or after promotion): intro line, event, QR and .ics. */
export async function seatMail(
  d: RegistrationMailData,
  ctx: TemplateContext,
  subject: string,
  intro: string,
): Promise<RenderedMail> {
  const w = WORDS[ctx.language];
  const details = eventDetails(d, ctx.language);
  const code = d.checkInCode ?? '';
  const attachments = [
    icsAttachment({
      uid: `registration-${d.registrationId}@fanevents`,
      title: d.title,
      start: d.startsAt,
      end: d.endsAt,
      location: place(d) || null,
    }),
  ];
  if (code) attachments.push(await qrAttachment(code));
  return {
    subject,
    text: `${w.hello(ctx.recipientName)}\n\n${intro}\n\n${details.text}\n${w.code}: ${code}\n`,
    html: layout(
      ctx.language,
      subject,
      html`<p>${w.hello(ctx.recipientName)}</p>
        <p>${intro}</p>
        ${raw(details.html)}
        <p>${w.code}: <code>${code}</code></p>
        <p><img src="cid:checkin-qr" alt="${w.code}" width="240" height="240" /></p>`,
    ),
    attachments,
  };
}
