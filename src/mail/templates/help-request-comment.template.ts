import { html, layout } from './render-utils.js';
import type { MailTemplate } from './template.types.js';
import { type HelpRequestMailBase, typeWord, where } from './help-request-words.js';

/** The comment's text stays out of the outbox: the e-mail points to the thread instead. */
export interface HelpRequestCommentData extends HelpRequestMailBase {
  commentId: string;
  authorName: string;
}

export const helpRequestCommentTemplate: MailTemplate<HelpRequestCommentData> = {
  en: (d, { recipientName }) => {
    const type = typeWord('en', d.requestType);
    return {
      subject: `New comment on a ${type}`,
      text: `Hello ${recipientName},\n\n${d.authorName} commented on the ${type} in ${where(d)}. Open it in Fan Events to read and reply.\n`,
      html: layout(
        'en',
        `New comment on a ${type}`,
        html`<p>Hello ${recipientName},</p>
          <p>
            ${d.authorName} commented on the ${type} in ${where(d)}. Open it in Fan Events to read
            and reply.
          </p>`,
      ),
    };
  },
  ru: (d, { recipientName }) => {
    const type = typeWord('ru', d.requestType);
    return {
      subject: `Новый комментарий: ${type}`,
      text: `Здравствуйте, ${recipientName}!\n\n${d.authorName} оставил(а) комментарий (${type}, ${where(d)}). Откройте Fan Events, чтобы прочитать и ответить.\n`,
      html: layout(
        'ru',
        `Новый комментарий: ${type}`,
        html`<p>Здравствуйте, ${recipientName}!</p>
          <p>
            ${d.authorName} оставил(а) комментарий (${type}, ${where(d)}). Откройте Fan Events,
            чтобы прочитать и ответить.
          </p>`,
      ),
    };
  },
  kk: (d, { recipientName }) => {
    const type = typeWord('kk', d.requestType);
    return {
      subject: `Жаңа пікір: ${type}`,
      text: `Сәлеметсіз бе, ${recipientName}!\n\n${d.authorName} пікір қалдырды (${type}, ${where(d)}). Оқу және жауап беру үшін Fan Events-ті ашыңыз.\n`,
      html: layout(
        'kk',
        `Жаңа пікір: ${type}`,
        html`<p>Сәлеметсіз бе, ${recipientName}!</p>
          <p>
            ${d.authorName} пікір қалдырды (${type}, ${where(d)}). Оқу және жауап беру үшін Fan
            Events-ті ашыңыз.
          </p>`,
      ),
    };
  },
};
