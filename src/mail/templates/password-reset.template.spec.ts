import { describe, expect, it } from '@jest/globals';
import { LANGUAGES } from '../../common/locale.js';
import { passwordResetTemplate } from './password-reset.template.js';

const url = 'https://fans.example/reset-password?token=Abc-123_xyz';
const ctx = { recipientName: 'Ольга <b>', mailId: 'm1' };

describe('password reset e-mail', () => {
  it.each(LANGUAGES)('carries the one-time link in text and HTML (%s)', async (language) => {
    const mail = await passwordResetTemplate[language]!(
      { validMinutes: 60, secret: { url } },
      { ...ctx, language },
    );
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('60');
    expect(mail.text).toContain('Ольга <b>');
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).toContain('Ольга &lt;b&gt;');
    expect(mail.html).toContain(`<html lang="${language}">`);
  });

  it('speaks the reader’s language', async () => {
    const ru = await passwordResetTemplate.ru!(
      { validMinutes: 60, secret: { url } },
      { ...ctx, language: 'ru' },
    );
    const kk = await passwordResetTemplate.kk!(
      { validMinutes: 60, secret: { url } },
      { ...ctx, language: 'kk' },
    );
    expect(ru.subject).toBe('Сброс пароля Fan Events');
    expect(kk.subject).toBe('Fan Events құпиясөзін қалпына келтіру');
  });

  it('refuses to render once the link has been erased from the row', () => {
    expect(() =>
      passwordResetTemplate.en({ validMinutes: 60 }, { ...ctx, language: 'en' }),
    ).toThrow(/without its link/);
  });
});
