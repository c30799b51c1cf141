import { describe, expect, it } from '@jest/globals';
import { slugify } from './slug.js';

describe('slugify', () => {
  it('turns punctuation and spaces into single dashes', () => {
    expect(slugify('  Dimash & Dostar!! ')).toBe('dimash-dostar');
  });

  it('keeps Cyrillic, Kazakh and CJK letters', () => {
    expect(slugify('Сарыарқа Фан-клубы')).toBe('сарыарқа-фан-клубы');
    expect(slugify('ディマシュ 日本')).toBe('ディマシュ-日本');
  });

  it('falls back when nothing usable is left', () => {
    expect(slugify('!!!')).toBe('group');
  });

  it('caps the length without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(59)} b`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
  });
});
