import { mkdirSync } from 'node:fs';
import { apiClient, createGroup, createPublishedEvent, createUser } from './support/api.js';
import { expect, test } from './support/fixtures.js';
import { addMember, ok, registerFan } from './support/manage.js';
import { signIn } from './support/session.js';

/**
 * Phone-width screenshots of the organizer, volunteer and scanner pages in every language, for
 * docs/screenshots/ (`UPDATE_SCREENSHOTS=1 npm run test:browser -- screenshots --project=phone`).
 */
test.describe('screenshots of part 2', () => {
  test.skip(!process.env.UPDATE_SCREENSHOTS, 'only when UPDATE_SCREENSHOTS=1');

  test('manage, tasks and scan pages in en, ru and kk', async ({ page, context }) => {
    test.setTimeout(300_000);
    const organizer = await createUser({ displayName: 'Aigerim', language: 'kk' });
    const group = await createGroup(organizer, 'Dimash&Dostar');
    const year = new Date().getUTCFullYear() + 1;
    const event = await createPublishedEvent(organizer, group.id, {
      translations: {
        ru: { title: 'Всемирная предпати фан-групп', venue: 'Барыс Арена' },
        kk: { title: 'Фан-топтардың әлемдік кеші', venue: 'Барыс Арена' },
      },
    });
    for (const [title, from, to] of [
      ['Hang the boards', 14, 16],
      ['Place LED sticks on the seats', 15, 17],
      ['Decorate the dressing room', 16, 18],
    ] as const) {
      ok(
        await apiClient(organizer.token).POST('/api/v1/events/{eventId}/tasks', {
          params: { path: { eventId: event.id } },
          body: {
            title,
            location: 'Barys Arena',
            startsAt: new Date(Date.UTC(year, 5, 26, from - 5)).toISOString(),
            endsAt: new Date(Date.UTC(year, 5, 26, to - 5)).toISOString(),
            volunteersNeeded: 4,
          },
        }),
        'task',
      );
    }
    const fans = await Promise.all(
      [
        ['Sakura', 'JP'],
        ['Lena', 'DE'],
        ['Li Na', 'CN'],
      ].map(([displayName, country]) => createUser({ displayName, country })),
    );
    const codes = [];
    for (const fan of fans) codes.push((await registerFan(fan, event.id)).code!);
    await addMember(organizer, group.id, fans[1], 'volunteer');
    ok(
      await apiClient(organizer.token).POST('/api/v1/events/{eventId}/check-ins', {
        params: { path: { eventId: event.id } },
        body: { code: codes[1] },
      }),
      'check-in',
    );
    await signIn(context, organizer);
    mkdirSync('docs/screenshots', { recursive: true });
    const shot = (name: string) =>
      page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });

    for (const lang of ['en', 'ru', 'kk'] as const) {
      await page.goto(`/manage/groups/${group.slug}?lang=${lang}`);
      await expect(page.locator('[data-count="confirmed"]')).toBeVisible();
      await shot(`manage-dashboard-${lang}`);
      await page.goto(`/manage/events/${event.id}?lang=${lang}&tab=tasks`);
      await expect(page.locator('.task-card').first()).toBeVisible();
      await shot(`manage-tasks-${lang}`);
      await page.goto(`/manage/events/${event.id}?lang=${lang}&tab=registrations`);
      await expect(page.locator('.registration-list li').first()).toBeVisible();
      await shot(`manage-registrations-${lang}`);
      await page.goto(`/me/tasks?lang=${lang}`);
      await expect(page.locator('#feed-url')).toBeVisible();
      await shot(`my-tasks-${lang}`);
      await page.goto(`/scan/${event.id}?lang=${lang}`);
      const input = page.locator('.scan-entry input');
      await input.fill(codes[1]);
      await input.press('Enter');
      await expect(page.locator('.scan-result')).toBeVisible();
      await shot(`scan-${lang}`);
    }
  });
});
