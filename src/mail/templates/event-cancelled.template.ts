import { html, layout, raw } from './render-utils.js';
import type { MailTemplate, RenderedMail, TemplateContext } from './template.types.js';
import { eventDetails, type EventCancelledData, WORDS } from './registration-parts.js';

/** `event_cancelled`: to every active registrant when organizers cancel the event. */
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
