import type { Language } from '../../common/locale.js';
import { formatInZone, html, icsAttachment, layout, raw } from './render-utils.js';
import type { MailAttachment, RenderedMail, TemplateContext } from './template.types.js';

/** A volunteer task as its e-mails show it (a snapshot taken when the change committed). */
export interface TaskMailData {
  taskId: string;
  title: string;
  description: string | null;
  location: string | null;
  /** ISO 8601, UTC. */
  startsAt: string;
  endsAt: string;
  eventId: string;
  eventTitle: string;
  venue: string | null;
  /** The event's IANA zone: times are shown in it. */
  timezone: string;
  /** The texts above in other languages, applied by the renderer (see localizeMailData). */
  i18n?: Partial<Record<Language, Record<string, string>>>;
}

export interface TaskRescheduledData extends TaskMailData {
  previousStartsAt: string;
  previousEndsAt: string;
}

const LABELS: Record<Language, { hello: string; when: string; where: string; event: string }> = {
  en: { hello: 'Hello', when: 'When', where: 'Where', event: 'Event' },
  ru: { hello: 'Здравствуйте', when: 'Когда', where: 'Где', event: 'Событие' },
  kk: { hello: 'Сәлеметсіз бе', when: 'Қашан', where: 'Қайда', event: 'Іс-шара' },
};

/** "26 June 2026, 10:00 (Asia/Almaty) – 26 June 2026, 13:00 (Asia/Almaty)". */
export function taskWhen(
  d: { startsAt: string; endsAt: string; timezone: string },
  lang: Language,
) {
  return `${formatInZone(d.startsAt, d.timezone, lang)} – ${formatInZone(d.endsAt, d.timezone, lang)}`;
}

/**
 * The common body of every task e-mail: greeting, the lead sentence of the kind, the task's
 * details, and a closing sentence, as plain text and escaped HTML.
 */
export function taskMail(
  d: TaskMailData,
  ctx: TemplateContext,
  parts: { subject: string; lead: string; closing?: string; attachments?: MailAttachment[] },
): RenderedMail {
  const l = LABELS[ctx.language];
  const where = d.location ?? d.venue;
  const lines = [
    `${l.hello}, ${ctx.recipientName}!`,
    '',
    parts.lead,
    '',
    `«${d.title}»`,
    `${l.event}: ${d.eventTitle}`,
    `${l.when}: ${taskWhen(d, ctx.language)}`,
    ...(where ? [`${l.where}: ${where}`] : []),
    ...(d.description ? ['', d.description] : []),
    ...(parts.closing ? ['', parts.closing] : []),
  ];
  const body = html`<p>${l.hello}, ${ctx.recipientName}!</p>
    <p>${parts.lead}</p>
    <h2>${d.title}</h2>
    <p>
      ${l.event}: ${d.eventTitle}<br />
      ${l.when}: ${taskWhen(d, ctx.language)}${where ? raw(html`<br />${l.where}: ${where}`) : ''}
    </p>
    ${d.description ? raw(html`<p>${d.description}</p>`) : ''}
    ${parts.closing ? raw(html`<p>${parts.closing}</p>`) : ''}`;
  return {
    subject: parts.subject,
    text: `${lines.join('\n')}\n`,
    html: layout(ctx.language, parts.subject, body),
    ...(parts.attachments ? { attachments: parts.attachments } : {}),
  };
}

/**
 * The task as a calendar entry. The UID is the task's, so a rescheduled task's invitation
 * replaces the earlier one in the volunteer's calendar instead of adding a second entry.
 */
export function taskIcs(d: TaskMailData): MailAttachment {
  return icsAttachment(
    {
      uid: `task-${d.taskId}@fanevents`,
      title: d.title,
      start: d.startsAt,
      end: d.endsAt,
      location: d.location ?? d.venue,
      description: d.description ? `${d.eventTitle}\n\n${d.description}` : d.eventTitle,
    },
    'task.ics',
  );
}
