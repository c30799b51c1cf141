import { type TaskMailData, taskMail } from './task-mail.js';
import type { MailTemplate } from './template.types.js';

/** Sent once, REMINDER_LEAD_MINUTES before the task starts (at once when assigned later). */
export const taskReminderTemplate: MailTemplate<TaskMailData> = {
  en: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Reminder: ${d.title}`,
      lead: 'A reminder of your volunteer task coming up soon.',
      closing: 'If you cannot make it, please tell the organizers as soon as possible.',
    }),
  ru: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Напоминание: ${d.title}`,
      lead: 'Напоминаем о вашем скором волонтёрском задании.',
      closing: 'Если вы не сможете прийти, пожалуйста, как можно скорее сообщите организаторам.',
    }),
  kk: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Еске салу: ${d.title}`,
      lead: 'Жақында басталатын волонтерлік тапсырмаңызды еске саламыз.',
      closing: 'Келе алмасаңыз, ұйымдастырушыларға мүмкіндігінше тез хабарлаңыз.',
    }),
};
