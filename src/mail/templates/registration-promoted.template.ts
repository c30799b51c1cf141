import type { MailTemplate } from './template.types.js';
import { type RegistrationMailData, seatMail } from './registration-parts.js';

/** `registration_promoted`: moved from the waitlist to confirmed, with .ics and QR. */
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
