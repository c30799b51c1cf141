import { describe, expect, it } from '@jest/globals';
import { acceptedLanguage, readerLanguage } from './reader-language.js';
import { localize, mergeTranslations } from './translations.js';

describe('mergeTranslations', () => {
  const stored = { kk: { title: 'Кеш', venue: 'Арена' }, ru: { title: 'Вечеринка' } };

  it('replaces given texts, removes nulls and keeps what is left out (JSON merge patch)', () => {
    expect(
      mergeTranslations(stored, {
        kk: { venue: null, description: 'Сипаттама' },
        en: { title: 'Party' },
      }),
    ).toEqual({
      kk: { title: 'Кеш', description: 'Сипаттама' },
      ru: { title: 'Вечеринка' },
      en: { title: 'Party' },
    });
  });

  it('removes a whole language with null and drops languages left empty', () => {
    expect(mergeTranslations(stored, { ru: null, kk: { title: null, venue: null } })).toEqual({});
  });

  it('creates from nothing and ignores a missing patch', () => {
    expect(mergeTranslations({}, { ru: { title: 'x' } })).toEqual({ ru: { title: 'x' } });
    expect(mergeTranslations(stored, undefined)).toEqual(stored);
  });
});

describe('localize', () => {
  const plain = { title: 'Party', venue: 'Arena', city: 'Astana' };

  it('replaces each translated field and keeps the plain text of the others', () => {
    expect(localize(plain, { kk: { title: 'Кеш' } }, 'kk', ['title', 'venue'])).toEqual({
      title: 'Кеш',
      venue: 'Arena',
      city: 'Astana',
    });
  });

  it('keeps the plain text without a language or a translation in it', () => {
    expect(localize(plain, { kk: { title: 'Кеш' } }, null, ['title'])).toBe(plain);
    expect(localize(plain, { kk: { title: 'Кеш' } }, 'ru', ['title'])).toBe(plain);
  });
});

describe('readerLanguage', () => {
  it('takes ?lang= first, then the account, then Accept-Language, else none', () => {
    expect(readerLanguage({ query: 'kk', accountLanguage: 'ru', acceptLanguage: 'en' })).toBe('kk');
    expect(readerLanguage({ accountLanguage: 'ru', acceptLanguage: 'en' })).toBe('ru');
    expect(readerLanguage({ acceptLanguage: 'kk-KZ,ru;q=0.8' })).toBe('kk');
    expect(readerLanguage({})).toBeNull();
  });

  it('refuses an unknown ?lang= (400)', () => {
    for (const query of ['de', '', 'KK', ['kk', 'ru']]) {
      expect(() => readerLanguage({ query })).toThrow('lang must be one of en, ru, kk');
    }
  });
});

describe('acceptedLanguage', () => {
  it.each([
    ['ru-RU,ru;q=0.9,en;q=0.5', 'ru'],
    ['ja,en-US;q=0.8', 'en'],
    ['en;q=0.1,kk;q=0.9', 'kk'],
    ['de-DE', null],
    ['*', null],
    ['', null],
    [undefined, null],
    ['garbage;;;q=x', null],
  ])('%s → %s', (header, expected) => {
    expect(acceptedLanguage(header)).toBe(expected);
  });
});
