import type { MailTemplate } from './template.types.js';
import { type RegistrationMailData, seatMail } from './registration-parts.js';

/** `registration_confirmed`: a seat is yours, with the .ics invitation and the check-in QR. */
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
