import { readFileSync } from 'node:fs';
import {
  createGroup,
  createPublishedEvent,
  createUser,
  PASSWORD,
  uniqueEmail,
} from './support/api.js';
import { catalogs, foreignStrings } from './support/catalogs.js';
import { expect, test } from './support/fixtures.js';
import { linksOf, waitForMail } from './support/mail.js';

interface Journey {
  lang: 'en' | 'ru' | 'kk';
  /** The browser's own settings: a fan from Tokyo whose browser speaks Japanese, etc. */
  locale: string;
  timezoneId: string;
  /** `?lang=` on the first page, or nothing to let the browser's languages decide. */
  query: string;
  name: string;
  countryTyped: string;
  countryOption: RegExp;
  city: string;
  /** The start as the page must show it, in the event's zone and (when different) the reader's. */
  eventTime: string;
  readerTime: RegExp | null;
  /** The month as this language writes it in a date. */
  month: RegExp;
  /** The event's title as the organizer translated it for this language. */
  title: string;
}

const journeys: Journey[] = [
  {
    lang: 'en',
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    query: '',
    name: 'Sakura Tanaka',
    countryTyped: 'Japan',
    countryOption: /^Japan$/,
    city: 'Astana',
    eventTime: '18:00, Astana time',
    readerTime: /22:00 your time/,
    month: /June/,
    title: 'World Fan Groups PreParty',
  },
  {
    lang: 'kk',
    locale: 'kk-KZ',
    timezoneId: 'Asia/Almaty',
    query: '?lang=kk',
    name: 'Әйгерім Серікқызы',
    countryTyped: 'Қазақ',
    countryOption: /^Қазақстан$/,
    city: 'Астана',
    eventTime: 'Астана уақыты бойынша 18:00',
    readerTime: null,
    month: /маусым/,
    title: 'Әлемдік фан-топтар кеші',
  },
  {
    lang: 'ru',
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    query: '?lang=ru',
    name: 'Ольга Смирнова',
    countryTyped: 'Росс',
    countryOption: /^Россия$/,
    city: 'Астана',
    eventTime: '18:00 по местному времени (Астана)',
    readerTime: /16:00 по вашему времени/,
    month: /июня/,
    title: 'Всемирная встреча фан-групп',
  },
];

for (const j of journeys) {
  test.describe(`a fan's journey in ${j.lang}`, () => {
    test.use({ locale: j.locale, timezoneId: j.timezoneId });

    test('signs up, finds the PreParty, registers, gets the QR code, the .ics and the e-mail, cancels', async ({
      page,
    }) => {
      const m = catalogs[j.lang];
      const organizer = await createUser({ displayName: 'Aigerim Organizer' });
      const group = await createGroup(
        organizer,
        `Dimash&Dostar ${Math.random().toString(36).slice(2, 8)}`,
      );
      const tag = Math.random().toString(36).slice(2, 8);
      const title = `${j.title} ${tag}`;
      await createPublishedEvent(organizer, group.id, {
        title: `World Fan Groups PreParty ${tag}`,
        description: 'Meet fans from every country on the eve of the stadium concert.',
        city: j.city,
        translations: {
          ru: {
            title: `Всемирная встреча фан-групп ${tag}`,
            description: 'Фанаты из разных стран встречаются накануне концерта.',
            venue: 'Барыс Арена, пр. Туран 57',
          },
          kk: {
            title: `Әлемдік фан-топтар кеші ${tag}`,
            description: 'Концерт қарсаңында әр елден келген фанаттар кездеседі.',
            venue: 'Барыс Арена, Тұран даңғылы 57',
          },
        },
      });
      const email = uniqueEmail('fan');
      const visited: string[] = [];
      const scan = async () => {
        visited.push(await page.locator('body').innerText());
      };

      // Sign up in the page's language.
      await page.goto(`/signup${j.query}`);
      await expect(page.locator('html')).toHaveAttribute('lang', j.lang);
      await page.getByLabel(m['account.displayName']).fill(j.name);
      await page.getByLabel(m['account.email'], { exact: true }).fill(email);
      await page.getByLabel(m['account.password'], { exact: true }).fill(PASSWORD);
      const country = page.getByRole('combobox', { name: m['account.country'] });
      await country.fill('');
      await country.pressSequentially(j.countryTyped);
      await expect(page.getByRole('option', { name: j.countryOption })).toBeVisible();
      await country.press('ArrowDown');
      await country.press('Enter');
      await expect(country).toHaveValue(j.countryOption);
      await scan();
      await page.getByRole('button', { name: m['signup.submit'] }).click();
      await expect(page.getByText(m['nav.signedInAs'].replace('{name}', j.name))).toBeVisible();

      // From the home page to the event.
      await expect(page.getByRole('heading', { level: 1, name: m['home.title'] })).toBeVisible();
      await scan();
      await page.getByRole('link', { name: title }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByText(j.eventTime)).toBeVisible();
      if (j.readerTime) await expect(page.getByText(j.readerTime)).toBeVisible();
      else await expect(page.locator('.event-when + br + .muted')).toHaveCount(0);
      await expect(page.locator('dd').first()).toContainText(j.month);

      // Register: the page shows and announces the new status.
      await page.getByRole('button', { name: m['event.register'] }).click();
      await expect(page.getByText(m['event.youAreRegistered'])).toBeVisible();
      await expect(page.getByRole('status')).toContainText(m['event.status.confirmed']);
      await scan();

      // The QR code, large enough to scan from a phone.
      await page.getByRole('link', { name: m['event.seeQr'] }).click();
      const qr = page.getByRole('img', {
        name: m['registrations.qr.alt'].replace('{title}', title),
      });
      await expect(qr).toBeVisible();
      const box = await qr.boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(250);
      await scan();

      // Add to calendar: an iCalendar file of this event.
      const downloading = page.waitForEvent('download');
      await page.getByRole('link', { name: m['registrations.addToCalendar'] }).click();
      const ics = readFileSync(await (await downloading).path(), 'utf8');
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain(tag);

      // The confirmation e-mail links to this page.
      const mail = await waitForMail(email, (mm) =>
        mm.attachments.some((a) => a.contentType.includes('calendar')),
      );
      const link = linksOf(mail).find((l) => l.endsWith('/me/registrations'));
      expect(link).toBeDefined();
      await page.goto(link!);
      await expect(
        page.getByRole('heading', { level: 1, name: m['registrations.title'] }),
      ).toBeVisible();
      await expect(qr).toBeVisible();

      // She cancels.
      await page.getByRole('button', { name: m['event.cancel'] }).click();
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: m['event.cancel.confirm'] })
        .click();
      await expect(page.getByText(m['status.cancelled'], { exact: true })).toBeVisible();
      await expect(qr).toHaveCount(0);
      await scan();

      // Nothing on these pages in another language.
      if (j.lang !== 'en')
        expect(visited.flatMap((text) => foreignStrings(text, j.lang))).toEqual([]);
    });
  });
}
