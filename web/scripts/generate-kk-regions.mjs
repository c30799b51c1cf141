// Chromium's ICU data has no Kazakh region names (Intl.DisplayNames('kk') answers 'KZ' for KZ),
// while Node's full ICU has them: this writes them once into web/src/i18n/regions.kk.json,
// which the country field loads for Kazakh pages.
import { writeFileSync } from 'node:fs';

const codes = (await import('../src/components/country-codes.json', { with: { type: 'json' } })).default;
const names = new Intl.DisplayNames(['kk'], { type: 'region', fallback: 'none' });
const out = Object.fromEntries(codes.map((code) => [code, names.of(code) ?? code]));
writeFileSync(new URL('../src/i18n/regions.kk.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(`web/src/i18n/regions.kk.json: ${codes.length} names`);
