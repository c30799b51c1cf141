import { html, layout } from './render-utils.js';
import type { MailTemplate } from './template.types.js';

export interface WelcomeData {
  displayName: string;
}

export const welcomeTemplate: MailTemplate<WelcomeData> = {
  en: (_d, { recipientName }) => ({
    subject: 'Welcome to Fan Events',
    text: `Hello ${recipientName},\n\nyour account is ready. Join your fan group and register for its events.\n`,
    html: layout(
      'en',
      'Welcome',
      html`<p>Hello ${recipientName},</p>
        <p>your account is ready. Join your fan group and register for its events.</p>`,
    ),
  }),
  ru: (_d, { recipientName }) => ({
    subject: 'Добро пожаловать в Fan Events',
    text: `Здравствуйте, ${recipientName}!\n\nВаш аккаунт готов. Вступайте в фан-группу и регистрируйтесь на её события.\n`,
    html: layout(
      'ru',
      'Добро пожаловать',
      html`<p>Здравствуйте, ${recipientName}!</p>
        <p>Ваш аккаунт готов. Вступайте в фан-группу и регистрируйтесь на её события.</p>`,
    ),
  }),
  kk: (_d, { recipientName }) => ({
    subject: 'Fan Events-ке қош келдіңіз',
    text: `Сәлеметсіз бе, ${recipientName}!\n\nТіркелгіңіз дайын. Фан-топқа қосылып, оның іс-шараларына тіркеліңіз.\n`,
    html: layout(
      'kk',
      'Қош келдіңіз',
      html`<p>Сәлеметсіз бе, ${recipientName}!</p>
        <p>Тіркелгіңіз дайын. Фан-топқа қосылып, оның іс-шараларына тіркеліңіз.</p>`,
    ),
  }),
};
