import { expect, expectAccessible, test } from './support/fixtures.js';

test.describe('the web app shell', () => {
  test('serves the app at / and follows the language chosen in the switcher, keeping the page', async ({
    page,
  }) => {
    await page.goto('/login?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();

    await page
      .getByRole('navigation', { name: 'Language' })
      .getByRole('link', { name: 'Қазақша' })
      .click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
    await expect(page.getByRole('link', { name: 'Кіру' })).toBeVisible();
    await expect(page).toHaveURL(/\/login\?lang=kk$/);
    await expectAccessible(page);
  });

  test('answers an unknown address with the app’s own not-found page', async ({ page }) => {
    const response = await page.goto('/no/such/page?lang=ru');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
    await expectAccessible(page);
  });
});
