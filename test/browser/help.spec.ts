import type { Page } from '@playwright/test';
import { apiClient, createGroup, createUser } from './support/api.js';
import { catalogs } from './support/catalogs.js';
import { expect, test } from './support/fixtures.js';
import { signIn } from './support/session.js';

const m = catalogs.en;

/** Types a date into react-aria's date field (en: month, day, year segments). */
async function typeDate(
  page: Page,
  label: string,
  date: { month: string; day: string; year: string },
) {
  const group = page.getByRole('group', { name: label });
  await group.getByRole('spinbutton').first().click();
  await page.keyboard.type(`${date.month}${date.day}${date.year}`);
  // Leave the field, as a person would before pressing the button.
  await page.keyboard.press('Tab');
}

test('an accommodation request: the server’s error at the field, then in My help, then an organizer’s comment', async ({
  page,
}) => {
  const organizer = await createUser({ displayName: 'Organizer' });
  const group = await createGroup(organizer, `Help group ${Date.now()}`);
  const fan = await createUser({ displayName: 'Travelling Fan' });
  const year = String(new Date().getUTCFullYear() + 1);
  await signIn(page, fan);
  await page.goto(`/groups/${group.slug}/help/new?lang=en`);
  await expect(page.getByRole('heading', { level: 1, name: m['help.form.title'] })).toBeVisible();

  // Check-out before check-in: the server refuses, and says so under the check-out field.
  await typeDate(page, m['help.form.checkIn'], { month: '06', day: '28', year });
  await typeDate(page, m['help.form.checkOut'], { month: '06', day: '25', year });
  await page.getByLabel(m['help.form.guests']).fill('2');
  await page
    .getByLabel(m['help.form.message'])
    .fill('Two of us from Tokyo, near the stadium please.');
  await page.getByRole('button', { name: m['help.form.submit'] }).click();
  const checkOut = page.getByRole('group', { name: m['help.form.checkOut'] });
  await expect(checkOut).toHaveAccessibleDescription(/checkOut must be after checkIn/);
  await expect(page.getByText(/checkOut must be after checkIn/)).toBeVisible();
  await expect(page).toHaveURL(/\/help\/new/);

  // Corrected, it is sent and listed.
  await typeDate(page, m['help.form.checkOut'], { month: '06', day: '30', year });
  await page.getByRole('button', { name: m['help.form.submit'] }).click();
  await expect(page).toHaveURL(/\/me\/help\/[0-9a-f-]{36}$/);
  const requestId = page.url().split('/').pop()!;
  await expect(page.getByText(m['help.history.created'])).toBeVisible();
  await page.getByRole('link', { name: m['nav.myHelp'] }).click();
  await expect(page.getByRole('link', { name: m['help.type.accommodation'] })).toBeVisible();
  await expect(page.getByText('2 guests')).toBeVisible();

  // An organizer answers; the thread shows it.
  const answer = 'We found a host near the stadium for both of you.';
  const res = await apiClient(organizer.token).POST('/api/v1/help-requests/{requestId}/comments', {
    params: { path: { requestId } },
    body: { body: answer },
  });
  expect(res.response.status).toBe(201);
  await page.getByRole('link', { name: m['help.type.accommodation'] }).click();
  await expect(page.getByText(answer)).toBeVisible();
  await expect(page.getByText('Organizer ·', { exact: false })).toBeVisible();
});
