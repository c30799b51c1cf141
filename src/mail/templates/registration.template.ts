import type { Language } from '../../common/locale.js';
import { formatInZone, html, icsAttachment, layout, qrAttachment, raw } from './render-utils.js';
import type { MailTemplate, RenderedMail, TemplateContext } from './template.types.js';

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

const place = (d: { venue: string | null; city: string | null }): string =>
  [d.venue, d.city].filter(Boolean).join(', ');

interface Words {
  hello: (name: string) => string;
  when: string;
  where: string;
  code: string;
}

const WORDS: Record<Language, Words> = {
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
function eventDetails(d: RegistrationMailData | EventCancelledData, language: Language) {
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

/** A confirmation (first time or after promotion): intro line, event, QR and .ics. */
async function seatMail(
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

export const registrationConfirmedTemplate: MailTemplate<RegistrationMailData> = {
  en: (d, ctx) =>
    seatMail(
      d,
      ctx,
      `You are registered: ${d.title}`,
      'Your seat is confirmed. Show the QR code below at the entrance.',
    ),
  ru: (d, ctx) =>
    seatMail(
      d,
      ctx,
      `Вы зарегистрированы: ${d.title}`,
      'Ваше место подтверждено. Покажите QR-код ниже на входе.',
    ),
  kk: (d, ctx) =>
    seatMail(
      d,
      ctx,
      `Сіз тіркелдіңіз: ${d.title}`,
      'Орныңыз расталды. Кіреберісте төмендегі QR-кодты көрсетіңіз.',
    ),
};

export const registrationPromotedTemplate: MailTemplate<RegistrationMailData> = {
  en: (d, ctx) =>
    seatMail(
      d,
      ctx,
      `A seat opened: you are confirmed for ${d.title}`,
      'A seat opened up and it is yours: you moved from the waitlist to confirmed.',
    ),
  ru: (d, ctx) =>
    seatMail(
      d,
      ctx,
      `Освободилось место: вы подтверждены на ${d.title}`,
      'Освободилось место, и оно ваше: вы переведены из листа ожидания в подтверждённые.',
    ),
  kk: (d, ctx) =>
    seatMail(
      d,
      ctx,
      `Орын босады: сіз ${d.title} іс-шарасына расталдыңыз`,
      'Орын босады және ол сіздікі: сіз күту тізімінен расталғандарға ауыстыңыз.',
    ),
};

function waitlisted(
  d: RegistrationMailData,
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

export const registrationWaitlistedTemplate: MailTemplate<RegistrationMailData> = {
  en: (d, ctx) =>
    waitlisted(
      d,
      ctx,
      `You are on the waitlist: ${d.title}`,
      `The event is full, so you are on the waitlist, position ${d.position}. We will e-mail you as soon as a seat opens.`,
    ),
  ru: (d, ctx) =>
    waitlisted(
      d,
      ctx,
      `Вы в листе ожидания: ${d.title}`,
      `Мест нет, поэтому вы в листе ожидания, позиция ${d.position}. Мы напишем, как только освободится место.`,
    ),
  kk: (d, ctx) =>
    waitlisted(
      d,
      ctx,
      `Сіз күту тізіміндесіз: ${d.title}`,
      `Орын жоқ, сондықтан сіз күту тізіміндесіз, реттік нөміріңіз ${d.position}. Орын босаған бойда хабарлаймыз.`,
    ),
};

function cancelled(
  d: EventCancelledData,
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

export const eventCancelledTemplate: MailTemplate<EventCancelledData> = {
  en: (d, ctx) =>
    cancelled(
      d,
      ctx,
      `Cancelled: ${d.title}`,
      'We are sorry: the organizers cancelled this event. Your registration no longer holds a seat.',
    ),
  ru: (d, ctx) =>
    cancelled(
      d,
      ctx,
      `Отменено: ${d.title}`,
      'К сожалению, организаторы отменили это событие. Ваша регистрация больше не действует.',
    ),
  kk: (d, ctx) =>
    cancelled(
      d,
      ctx,
      `Тоқтатылды: ${d.title}`,
      'Өкінішке орай, ұйымдастырушылар бұл іс-шараны тоқтатты. Тіркелуіңіз енді жарамсыз.',
    ),
};
