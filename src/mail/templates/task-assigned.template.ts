import { type TaskMailData, taskIcs, taskMail } from './task-mail.js';
import type { MailTemplate } from './template.types.js';

/** Sent when a volunteer is put on a task or signs up; carries the task as an `.ics`. */
export const taskAssignedTemplate: MailTemplate<TaskMailData> = {
  en: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Your volunteer task: ${d.title}`,
      lead: `You are on a volunteer task for ${d.eventTitle}.`,
      closing: 'The attached calendar file adds it to your calendar. Thank you for helping!',
      attachments: [taskIcs(d)],
    }),
  ru: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Ваше волонтёрское задание: ${d.title}`,
      lead: `Вы записаны на волонтёрское задание события «${d.eventTitle}».`,
      closing: 'Приложенный файл добавит его в ваш календарь. Спасибо за помощь!',
      attachments: [taskIcs(d)],
    }),
  kk: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Сіздің волонтерлік тапсырмаңыз: ${d.title}`,
      lead: `Сіз «${d.eventTitle}» іс-шарасының волонтерлік тапсырмасына жазылдыңыз.`,
      closing: 'Тіркелген файл оны күнтізбеңізге қосады. Көмегіңізге рахмет!',
      attachments: [taskIcs(d)],
    }),
};
