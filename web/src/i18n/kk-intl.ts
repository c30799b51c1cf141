/**
 * Chromium claims Kazakh date and number formatting but prints `2025 M06 14, Sat` and
 * `30,000.5` (WEB.md, verified), and `shouldPolyfill('kk')` says all is well, so the formatjs
 * polyfills are forced. They replace Intl.DateTimeFormat and Intl.NumberFormat for every
 * locale, hence the en and ru data too. Large: this module is only imported for Kazakh.
 */
import '@formatjs/intl-numberformat/polyfill-force.js';
import '@formatjs/intl-numberformat/locale-data/kk.js';
import '@formatjs/intl-numberformat/locale-data/ru.js';
import '@formatjs/intl-numberformat/locale-data/en.js';
import '@formatjs/intl-datetimeformat/polyfill-force.js';
import '@formatjs/intl-datetimeformat/locale-data/kk.js';
import '@formatjs/intl-datetimeformat/locale-data/ru.js';
import '@formatjs/intl-datetimeformat/locale-data/en.js';
import '@formatjs/intl-datetimeformat/add-all-tz.js';
