import { type TaskMailData, taskMail } from './task-mail.js';
import type { MailTemplate } from './template.types.js';

/** Sent when a volunteer is taken off a task (by an organizer or by themselves). */
export const taskUnassignedTemplate: MailTemplate<TaskMailData> = {
  en: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `You are no longer on the task: ${d.title}`,
      lead: 'You have been removed from this volunteer task; you can delete it from your calendar.',
    }),
  ru: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Вы больше не участвуете в задании: ${d.title}`,
      lead: 'Вы сняты с этого волонтёрского задания; его можно удалить из календаря.',
    }),
  kk: (d, ctx) =>
    taskMail(d, ctx, {
      subject: `Сіз енді бұл тапсырмада емессіз: ${d.title}`,
      lead: 'Сіз бұл волонтерлік тапсырмадан шығарылдыңыз; оны күнтізбеден өшіруге болады.',
    }),
};
