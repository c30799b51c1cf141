import type { MailTemplate } from './template.types.js';
import { eventNotice, type EventCancelledData } from './registration-parts.js';

/** `event_cancelled`: to every active registrant when organizers cancel the event. */
export const eventCancelledTemplate: MailTemplate<EventCancelledData> = {
  en: (d, ctx) =>
    eventNotice(
      d,
      ctx,
      `Cancelled: ${d.title}`,
      'We are sorry: the organizers cancelled this event. Your registration no longer holds a seat.',
    ),
  ru: (d, ctx) =>
    eventNotice(
      d,
      ctx,
      `Отменено: ${d.title}`,
      'К сожалению, организаторы отменили это событие. Ваша регистрация больше не действует.',
    ),
  kk: (d, ctx) =>
    eventNotice(
      d,
      ctx,
      `Тоқтатылды: ${d.title}`,
      'Өкінішке орай, ұйымдастырушылар бұл іс-шараны тоқтатты. Тіркелуіңіз енді жарамсыз.',
    ),
};
