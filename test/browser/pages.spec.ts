/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import {
  apiClient,
  createGroup,
  createPublishedEvent,
  createUser,
  type TestUser,
} from './support/api.js';
import { catalogs } from './support/catalogs.js';
import { expect, expectAccessible, test } from './support/fixtures.js';
import { signIn } from './support/session.js';

const m = catalogs.en;

interface World {
  fan: TestUser;
  slug: string;
  eventId: string;
  requestId: string;
}

/** A group, its event, a fan registered to it with a help request: every page has content. */
async function world(): Promise<World> {
  const organizer = await createUser({ displayName: 'Aigerim Organizer' });
  const group = await createGroup(organizer, `Dimash&Dostar ${Date.now()}`);
  const event = await createPublishedEvent(organizer, group.id, {
    translations: {
      ru: { title: 'Всемирная встреча фан-групп', venue: 'Барыс Арена, пр. Туран 57' },
      kk: { title: 'Әлемдік фан-топтар кеші', venue: 'Барыс Арена, Тұран даңғылы 57' },
    },
  });
  const fan = await createUser({ displayName: 'Sakura Tanaka', country: 'JP' });
  const client = apiClient(fan.token);
  await client.POST('/api/v1/events/{eventId}/registrations', {
    params: { path: { eventId: event.id } },
    body: {},
  });
  const help = await client.POST('/api/v1/fan-groups/{groupId}/help-requests', {
    params: { path: { groupId: group.id } },
    body: {
      type: 'accommodation',
      eventId: event.id,
      message: 'Two of us from Tokyo.',
      accommodation: { checkIn: '2027-06-25', checkOut: '2027-06-28', guests: 2 },
    },
  });
  return { fan, slug: group.slug, eventId: event.id, requestId: help.data!.id };
}

const pagesOf = (w: World) => ({
  home: '/',
  group: `/groups/${w.slug}`,
  event: `/events/${w.eventId}`,
  registrations: '/me/registrations',
  account: '/me',
  'my-help': '/me/help',
  'help-thread': `/me/help/${w.requestId}`,
  'help-new': `/groups/${w.slug}/help/new`,
});

test('every page passes axe-core (no serious or critical violation), signed out and signed in', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const w = await world();
  for (const path of [
    '/',
    `/groups/${w.slug}`,
    `/events/${w.eventId}`,
    '/login',
    '/signup',
    '/forgot-password',
    '/reset-password?token=x',
    '/no-such-page',
  ]) {
    await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=en`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
  await signIn(page, w.fan);
  for (const path of Object.values(pagesOf(w))) {
    await page.goto(`${path}?lang=kk`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
});

test('registering and cancelling by keyboard alone', async ({ page }) => {
  const organizer = await createUser({ displayName: 'Organizer' });
  const group = await createGroup(organizer, `Keyboard group ${Date.now()}`);
  const event = await createPublishedEvent(organizer, group.id);
  const fan = await createUser({ displayName: 'Keyboard Fan' });
  await signIn(page, fan);
  await page.goto(`/events/${event.id}?lang=en`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const register = page.getByRole('button', { name: m['event.register'] });
  for (
    let i = 0;
    i < 40 && !(await register.evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(register).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(m['event.youAreRegistered'])).toBeVisible();

  const cancel = page.getByRole('button', { name: m['event.cancel'] });
  for (let i = 0; i < 40 && !(await cancel.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('button', { name: m['event.cancel.keep'] })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: m['event.cancel.confirm'] })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: m['event.register'] })).toBeVisible();
});

test('screenshots of the main pages at phone width in en, ru and kk (docs/screenshots)', async ({
  page,
}, info) => {
  test.skip(info.project.name !== 'phone', 'phone width only');
  const w = await world();
  const dir = new URL('../../docs/screenshots/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  await signIn(page, w.fan);
  for (const lang of ['en', 'ru', 'kk'] as const) {
    for (const [name, path] of Object.entries(pagesOf(w))) {
      if (name === 'my-help' || name === 'account') continue;
      await page.goto(`${path}?lang=${lang}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.loading')).toHaveCount(0);
      if (name === 'registrations') await expect(page.locator('img.qr')).toBeVisible();
      // Nothing wider than the phone: a long Kazakh word must wrap, not push the page sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      await page.screenshot({ path: `${dir}${name}-${lang}.png`, fullPage: true });
    }
  }
});
