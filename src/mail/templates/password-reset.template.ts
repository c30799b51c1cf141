import type { Language } from '../../common/locale.js';
import { html, layout } from './render-utils.js';
import type { MailTemplate, RenderedMail, TemplateContext } from './template.types.js';

export interface PasswordResetData {
  /** How long the link works, in minutes. */
  validMinutes: number;
  /**
   * The one-time link (`${PUBLIC_URL}/reset-password?token=...`). Under `secret`: the outbox
   * erases it from the row once the e-mail is sent or given up (mail.types.ts, SECRET_DATA_KEY).
   */
  secret?: { url?: string };
}

interface Words {
  subject: string;
  hello: (name: string) => string;
  intro: string;
  button: string;
  validity: (minutes: number) => string;
  ignore: string;
}

const WORDS: Record<Language, Words> = {
  en: {
    subject: 'Reset your Fan Events password',
    hello: (n) => `Hello ${n},`,
    intro:
      'Someone asked to reset the password of your Fan Events account. To choose a new one, open this link:',
    button: 'Choose a new password',
    validity: (m) =>
      `The link works once, for ${m} minutes. Setting a new password signs you out everywhere.`,
    ignore: 'If it was not you, ignore this e-mail: your password stays as it is.',
  },
  ru: {
    subject: 'Сброс пароля Fan Events',
    hello: (n) => `Здравствуйте, ${n}!`,
    intro:
      'Кто-то запросил сброс пароля вашего аккаунта Fan Events. Чтобы задать новый пароль, откройте ссылку:',
    button: 'Задать новый пароль',
    validity: (m) =>
      `Ссылка действует один раз в течение ${m} минут. После смены пароля все сеансы будут завершены.`,
    ignore: 'Если это были не вы, просто проигнорируйте письмо: пароль останется прежним.',
  },
  kk: {
    subject: 'Fan Events құпиясөзін қалпына келтіру',
    hello: (n) => `Сәлеметсіз бе, ${n}!`,
    intro:
      'Біреу Fan Events тіркелгіңіздің құпиясөзін қалпына келтіруді сұрады. Жаңа құпиясөз орнату үшін мына сілтемені ашыңыз:',
    button: 'Жаңа құпиясөз орнату',
    validity: (m) =>
      `Сілтеме бір рет қана, ${m} минут ішінде жұмыс істейді. Жаңа құпиясөз орнатылғанда барлық сеанстар аяқталады.`,
    ignore: 'Егер бұл сіз болмасаңыз, хатты елемеңіз: құпиясөзіңіз өзгермейді.',
  },
};

function render(d: PasswordResetData, ctx: TemplateContext): RenderedMail {
  const w = WORDS[ctx.language];
  const url = d.secret?.url;
  // Rendering runs only while the row still holds its link; without it there is nothing to send.
  if (!url) throw new Error('password reset e-mail without its link');
  return {
    subject: w.subject,
    text: `${w.hello(ctx.recipientName)}\n\n${w.intro}\n\n${url}\n\n${w.validity(d.validMinutes)}\n${w.ignore}\n`,
    html: layout(
      ctx.language,
      w.subject,
      html`<p>${w.hello(ctx.recipientName)}</p>
        <p>${w.intro}</p>
        <p><a href="${url}">${w.button}</a></p>
        <p style="font-size:13px;color:#555">${url}</p>
        <p>${w.validity(d.validMinutes)}</p>
        <p>${w.ignore}</p>`,
    ),
  };
}

/** `password_reset`: the one-time link to choose a new password. */
export const passwordResetTemplate: MailTemplate<PasswordResetData> = {
  en: render,
  ru: render,
  kk: render,
};
