import { html, layout } from './render-utils.js';
import type { MailTemplate } from './template.types.js';
import { type HelpRequestMailBase, statusWord, typeWord, where } from './help-request-words.js';

export interface HelpRequestStatusData extends HelpRequestMailBase {
  fromStatus: string;
  toStatus: string;
  actorName: string;
}

export const helpRequestStatusTemplate: MailTemplate<HelpRequestStatusData> = {
  en: (d, { recipientName }) => {
    const type = typeWord('en', d.requestType);
    const status = statusWord('en', d.toStatus);
    return {
      subject: `Your ${type} is now ${status}`,
      text: `Hello ${recipientName},\n\nyour ${type} to ${where(d)} is now ${status} (changed by ${d.actorName}).\n`,
      html: layout(
        'en',
        `Your ${type} is now ${status}`,
        html`<p>Hello ${recipientName},</p>
          <p>
            your ${type} to ${where(d)} is now <strong>${status}</strong> (changed by
            ${d.actorName}).
          </p>`,
      ),
    };
  },
  ru: (d, { recipientName }) => {
    const type = typeWord('ru', d.requestType);
    const status = statusWord('ru', d.toStatus);
    return {
      subject: `Ваш ${type}: ${status}`,
      text: `Здравствуйте, ${recipientName}!\n\nСтатус вашего запроса (${type}, ${where(d)}): ${status}. Изменил(а): ${d.actorName}.\n`,
      html: layout(
        'ru',
        `Ваш ${type}: ${status}`,
        html`<p>Здравствуйте, ${recipientName}!</p>
          <p>
            Статус вашего запроса (${type}, ${where(d)}): <strong>${status}</strong>. Изменил(а):
            ${d.actorName}.
          </p>`,
      ),
    };
  },
  kk: (d, { recipientName }) => {
    const type = typeWord('kk', d.requestType);
    const status = statusWord('kk', d.toStatus);
    return {
      subject: `Сіздің ${type}: ${status}`,
      text: `Сәлеметсіз бе, ${recipientName}!\n\nСіздің өтінішіңіздің (${type}, ${where(d)}) күйі: ${status}. Өзгерткен: ${d.actorName}.\n`,
      html: layout(
        'kk',
        `Сіздің ${type}: ${status}`,
        html`<p>Сәлеметсіз бе, ${recipientName}!</p>
          <p>
            Сіздің өтінішіңіздің (${type}, ${where(d)}) күйі: <strong>${status}</strong>. Өзгерткен:
            ${d.actorName}.
          </p>`,
      ),
    };
  },
};
