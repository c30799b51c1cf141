import { readFileSync } from 'node:fs';
import { apiClient, createGroup, createUser } from './support/api.js';
import { expect, expectAccessible, test } from './support/fixtures.js';
import { ok, registerFan } from './support/manage.js';
import { signIn } from './support/session.js';

test.describe('organizers run their events', () => {
  test('creates an event in three languages, publishes it, sees registrations in the dashboard counts, cancels one, downloads the CSV', async ({
    page,
    context,
  }) => {
    // A long story on two shared cores: more than the default minute.
    test.setTimeout(180_000);
    const organizer = await createUser({ displayName: 'Aigerim Organizer' });
    const group = await createGroup(organizer, `PreParty Crew ${Date.now()}`);
    await signIn(context, organizer);

    await page.goto(`/manage/groups/${group.slug}?lang=en`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${group.name}: dashboard`);
    await expect(page.getByText('No events yet.')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'New event' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New event');

    const year = new Date().getUTCFullYear() + 1;
    await page.getByLabel('Title (English)').fill('World Fan Groups PreParty');
    await page.getByLabel('Title (Русский)').fill('Всемирная предпати фан-групп');
    await page.getByLabel('Title (Қазақша)').fill('Фан-топтардың әлемдік алдын ала кеші');
    await page.getByLabel('Description (English)').fill('Meet fans from every country.');
    await page.getByLabel('Venue (English)').fill('Barys Arena');
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    await zone.click();
    await zone.press('ControlOrMeta+a');
    await zone.pressSequentially('Almaty');
    // Chosen by keyboard, as a screen-reader user would.
    await expect(page.getByRole('option', { name: 'Asia/Almaty' })).toBeVisible();
    await zone.press('ArrowDown');
    await zone.press('Enter');
    await expect(zone).toHaveValue('Asia/Almaty');
    const starts = page.getByRole('group', { name: 'Starts' }).getByRole('spinbutton').first();
    await starts.click();
    await page.keyboard.type(`0626${year}1800`);
    const seats = page.getByRole('textbox', { name: 'Seats' });
    await seats.fill('2');
    await seats.blur();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Create draft' }).click();

    await expect(page).toHaveURL(/\/manage\/events\/[0-9a-f-]{36}/);
    const eventId = /\/manage\/events\/([0-9a-f-]{36})/.exec(page.url())![1];
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      'World Fan Groups PreParty',
    );
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Draft');
    // 18:00 in Almaty (UTC+5) is 13:00 UTC, stored with every language's texts.
    const saved = ok(
      await apiClient(organizer.token).GET('/api/v1/events/{eventId}', {
        params: { path: { eventId } },
      }),
      'event',
    );
    expect(saved.startsAt).toBe(`${year}-06-26T13:00:00.000Z`);
    expect(saved.timezone).toBe('Asia/Almaty');
    expect(saved.capacity).toBe(2);
    expect(saved.translations?.ru?.title).toBe('Всемирная предпати фан-групп');
    expect(saved.translations?.kk?.title).toBe('Фан-топтардың әлемдік алдын ала кеші');
    await expectAccessible(page);

    // Publishing asks first and says what happens.
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('registration opens');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Publish now' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Published');

    // Fans register (two seats, then the waitlist); a Russian reader sees the Russian title.
    const fans = await Promise.all(
      ['Sakura', 'Lena', 'Arman'].map((name) => createUser({ displayName: name })),
    );
    for (const fan of fans) await registerFan(fan, eventId);
    const inRussian = ok(
      await apiClient().GET('/api/v1/events/{eventId}', {
        params: { path: { eventId }, query: { lang: 'ru' } },
      }),
      'event in Russian',
    );
    expect(inRussian.title).toBe('Всемирная предпати фан-групп');

    await page.goto(`/manage/groups/${group.slug}?lang=en`);
    const card = page.getByRole('listitem').filter({ hasText: 'World Fan Groups PreParty' });
    await expect(card.locator('[data-count="confirmed"]')).toHaveText('2 / 2');
    await expect(card.locator('[data-count="waitlist"]')).toHaveText('1');
    await expect(card.locator('[data-count="checked-in"]')).toHaveText('0');

    // Cancel Sakura's registration on her behalf: Arman moves up from the waitlist.
    await card.getByRole('link', { name: 'World Fan Groups PreParty', exact: true }).click();
    await page.getByRole('tab', { name: 'Registrations' }).click();
    await expect(page.getByText('1–3 of 3 registrations')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel for Sakura' }).click();
    await expectAccessible(page);
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Cancel the registration' })
      .click();
    await expect(page.getByRole('status')).toContainText('Registration of Sakura cancelled.');
    const arman = page.getByRole('listitem').filter({ hasText: 'Arman' });
    await expect(arman).toContainText('Confirmed');

    // Check Lena in by hand.
    await page.getByRole('button', { name: 'Check in Lena' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'Lena' })).toContainText(
      /Checked in at \d\d:\d\d/,
    );
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    for (const name of ['Sakura', 'Lena', 'Arman']) expect(csv).toContain(name);

    await page.goto(`/manage/groups/${group.slug}?lang=en`);
    const after = page.getByRole('listitem').filter({ hasText: 'World Fan Groups PreParty' });
    await expect(after.locator('[data-count="confirmed"]')).toHaveText('2 / 2');
    await expect(after.locator('[data-count="waitlist"]')).toHaveText('0');
    await expect(after.locator('[data-count="checked-in"]')).toHaveText('1');
  });

  test('the last organizer cannot be removed: the 409 in words', async ({ page, context }) => {
    const organizer = await createUser({ displayName: 'Only Organizer' });
    const group = await createGroup(organizer, `Solo Crew ${Date.now()}`);
    await signIn(context, organizer);
    await page.goto(`/manage/groups/${group.slug}?lang=en`);
    await page.getByRole('button', { name: 'Remove Only Organizer' }).click();
    await expect(page.getByRole('alert')).toContainText('last organizer');
    await expectAccessible(page);
  });
});
