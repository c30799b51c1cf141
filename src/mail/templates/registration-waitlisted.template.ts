import type { MailTemplate } from './template.types.js';
import { eventNotice, type RegistrationMailData } from './registration-parts.js';

/** `registration_waitlisted`: the event is full; your position in line. */
export const registrationWaitlistedTemplate: MailTemplate<RegistrationMailData> = {
  en: (d, ctx) =>
    eventNotice(
      d,
      ctx,
      `You are on the waitlist: ${d.title}`,
      `The event is full, so you are on the waitlist, position ${d.position}. We will e-mail you as soon as a seat opens.`,
    ),
  ru: (d, ctx) =>
    eventNotice(
      d,
      ctx,
      `Вы в листе ожидания: ${d.title}`,
      `Мест нет, поэтому вы в листе ожидания, позиция ${d.position}. Мы напишем, как только освободится место.`,
    ),
  kk: (d, ctx) =>
    eventNotice(
      d,
      ctx,
      `Сіз күту тізіміндесіз: ${d.title}`,
      `Орын жоқ, сондықтан сіз күту тізіміндесіз, реттік нөміріңіз ${d.position}. Орын босаған бойда хабарлаймыз.`,
    ),
};
