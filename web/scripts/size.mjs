// Prints the JavaScript a browser downloads to show the event page (gzipped), from the build's
// manifest: the entry chunk, the event page's chunk, their static imports and the largest
// message catalog. The Kazakh Intl polyfill is loaded only for Kazakh and reported apart.
// Target (issue 10): at most 200 kB.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const PAGE = process.argv[2] ?? 'src/events/EventPage.tsx';
const LIMIT = 200 * 1024;

const gz = (file) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

function closure(key, out = new Set()) {
  const chunk = manifest[key];
  if (!chunk || out.has(key)) return out;
  out.add(key);
  for (const dep of chunk.imports ?? []) closure(dep, out);
  return out;
}

if (!manifest[PAGE]) {
  console.error(`${PAGE} is not a chunk of the build; run npm run web:build`);
  process.exit(1);
}
const keys = new Set([...closure('index.html'), ...closure(PAGE)]);
const catalogs = ['src/i18n/en.json', 'src/i18n/ru.json', 'src/i18n/kk.json'].filter((k) => manifest[k]);
const catalog = catalogs.sort((a, b) => gz(manifest[b].file) - gz(manifest[a].file))[0];
if (catalog) keys.add(catalog);

let total = 0;
console.log(`Initial JavaScript of the event page (${PAGE}), gzip -9:`);
for (const key of keys) {
  const size = gz(manifest[key].file);
  total += size;
  console.log(`  ${manifest[key].file.padEnd(40)} ${kb(size).padStart(10)}`);
}
console.log(`  ${'total'.padEnd(40)} ${kb(total).padStart(10)}  (target ≤ ${kb(LIMIT)})`);
const css = (manifest['index.html'].css ?? []).reduce((n, f) => n + gz(f), 0);
console.log(`CSS: ${kb(css)}`);
const kk = manifest['src/i18n/kk-intl.ts'];
if (kk) console.log(`Kazakh Intl polyfill (lazy, kk only): ${kb(gz(kk.file))}`);
process.exit(total <= LIMIT ? 0 : 1);
