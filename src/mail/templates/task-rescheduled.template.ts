import { formatInZone } from './render-utils.js';
import { type TaskRescheduledData, taskIcs, taskMail } from './task-mail.js';
import type { MailTemplate } from './template.types.js';

/** Sent to every assignee when a task's time changes, with the updated calendar entry. */
export const taskRescheduledTemplate: MailTemplate<TaskRescheduledData> = {
  en: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `New time for your task: ${d.title}`,
      lead: `Your volunteer task has moved; it was planned for ${formatInZone(d.previousStartsAt, d.timezone, 'en')}.`,
      closing: 'The attached calendar file updates your calendar.',
      attachments: [taskIcs(d)],
    }),
  ru: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Новое время задания: ${d.title}`,
      lead: `Время вашего волонтёрского задания изменилось; раньше оно было назначено на ${formatInZone(d.previousStartsAt, d.timezone, 'ru')}.`,
      closing: 'Приложенный файл обновит ваш календарь.',
      attachments: [taskIcs(d)],
    }),
  kk: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Тапсырманың жаңа уақыты: ${d.title}`,
      lead: `Волонтерлік тапсырмаңыздың уақыты өзгерді; бұрын ол ${formatInZone(d.previousStartsAt, d.timezone, 'kk')} уақытына белгіленген еді.`,
      closing: 'Тіркелген файл күнтізбеңізді жаңартады.',
      attachments: [taskIcs(d)],
    }),
};
