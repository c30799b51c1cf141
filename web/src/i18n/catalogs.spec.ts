import { describe, expect, it } from '@jest/globals';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import en from './en.json' with { type: 'json' };
import kk from './kk.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };

const catalogs: Record<string, Record<string, string>> = { en, ru, kk };

interface Usage {
  arguments: Set<string>;
  plurals: { argument: string; categories: string[] }[];
}

function walk(elements: MessageFormatElement[], usage: Usage): Usage {
  for (const el of elements) {
    if (
      el.type === TYPE.argument ||
      el.type === TYPE.number ||
      el.type === TYPE.date ||
      el.type === TYPE.time
    ) {
      usage.arguments.add(el.value);
    } else if (el.type === TYPE.plural || el.type === TYPE.select) {
      usage.arguments.add(el.value);
      if (el.type === TYPE.plural && el.pluralType !== 'ordinal') {
        usage.plurals.push({ argument: el.value, categories: Object.keys(el.options) });
      }
      for (const option of Object.values(el.options)) walk(option.value, usage);
    } else if (el.type === TYPE.tag) {
      walk(el.children, usage);
    }
  }
  return usage;
}

function usageOf(message: string): Usage {
  return walk(parse(message), { arguments: new Set(), plurals: [] });
}

describe('message catalogs', () => {
  it.each(Object.keys(catalogs))('%s has exactly the keys of the English catalog', (language) => {
    expect(Object.keys(catalogs[language]).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(catalogs))('%s has no empty message', (language) => {
    const empty = Object.entries(catalogs[language]).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(Object.keys(catalogs))(
    '%s gives every plural each category of the language (Intl.PluralRules)',
    (language) => {
      const required = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const missing: string[] = [];
      for (const [key, message] of Object.entries(catalogs[language])) {
        for (const plural of usageOf(message).plurals) {
          const absent = required.filter((c) => !plural.categories.includes(c));
          if (absent.length > 0) missing.push(`${key}: ${absent.join(', ')}`);
        }
      }
      expect(missing).toEqual([]);
    },
  );

  it('knows the categories it checks: ru one/few/many/other, kk and en one/other', () => {
    const sorted = (l: string) =>
      [...new Intl.PluralRules(l).resolvedOptions().pluralCategories].sort();
    expect(sorted('ru')).toEqual(['few', 'many', 'one', 'other']);
    expect(sorted('kk')).toEqual(['one', 'other']);
    expect(sorted('en')).toEqual(['one', 'other']);
  });

  it.each(['ru', 'kk'])('%s uses the same placeholders as English in every message', (language) => {
    const differing = Object.entries(en).filter(([key, message]) => {
      const ours = [...usageOf(message).arguments].sort();
      const theirs = [...usageOf(catalogs[language][key] ?? '').arguments].sort();
      return ours.join() !== theirs.join();
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('detects a plural missing a category', () => {
    const plural = usageOf('{n, plural, one {# место} other {# мест}}').plurals[0];
    const required = new Intl.PluralRules('ru').resolvedOptions().pluralCategories;
    expect(required.filter((c) => !plural.categories.includes(c)).sort()).toEqual(['few', 'many']);
  });
});
