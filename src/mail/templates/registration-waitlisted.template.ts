import { html, layout, raw } from './render-utils.js';
import type { MailTemplate, RenderedMail, TemplateContext } from './template.types.js';
import { eventDetails, type RegistrationMailData, WORDS } from './registration-parts.js';

/** `registration_waitlisted`: the event is full; your position in line. */
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
