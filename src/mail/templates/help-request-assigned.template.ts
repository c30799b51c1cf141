import { html, layout } from './render-utils.js';
import type { MailTemplate } from './template.types.js';
import { type HelpRequestMailBase, typeWord, where } from './help-request-words.js';

export interface HelpRequestAssignedData extends HelpRequestMailBase {
  actorName: string;
}

export const helpRequestAssignedTemplate: MailTemplate<HelpRequestAssignedData> = {
  en: (d, { recipientName }) => {
    const type = typeWord('en', d.requestType);
    return {
      subject: `A ${type} was assigned to you`,
      text: `Hello ${recipientName},\n\n${d.actorName} assigned you a ${type} in ${where(d)}. Open it in Fan Events to read it and reply to the fan.\n`,
      html: layout(
        'en',
        `A ${type} was assigned to you`,
        html`<p>Hello ${recipientName},</p>
          <p>
            ${d.actorName} assigned you a ${type} in ${where(d)}. Open it in Fan Events to read it
            and reply to the fan.
          </p>`,
      ),
    };
  },
  ru: (d, { recipientName }) => {
    const type = typeWord('ru', d.requestType);
    return {
      subject: `Вам назначен ${type}`,
      text: `Здравствуйте, ${recipientName}!\n\n${d.actorName} назначил(а) вам ${type} (${where(d)}). Откройте его в Fan Events, чтобы прочитать и ответить.\n`,
      html: layout(
        'ru',
        `Вам назначен ${type}`,
        html`<p>Здравствуйте, ${recipientName}!</p>
          <p>
            ${d.actorName} назначил(а) вам ${type} (${where(d)}). Откройте его в Fan Events, чтобы
            прочитать и ответить.
          </p>`,
      ),
    };
  },
  kk: (d, { recipientName }) => {
    const type = typeWord('kk', d.requestType);
    return {
      subject: `Сізге ${type} тапсырылды`,
      text: `Сәлеметсіз бе, ${recipientName}!\n\n${d.actorName} сізге ${type} тапсырды (${where(d)}). Оқу және жауап беру үшін оны Fan Events-те ашыңыз.\n`,
      html: layout(
        'kk',
        `Сізге ${type} тапсырылды`,
        html`<p>Сәлеметсіз бе, ${recipientName}!</p>
          <p>
            ${d.actorName} сізге ${type} тапсырды (${where(d)}). Оқу және жауап беру үшін оны Fan
            Events-те ашыңыз.
          </p>`,
      ),
    };
  },
};
