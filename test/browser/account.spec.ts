import { apiClient, createGroup, createPublishedEvent, createUser } from './support/api.js';
import { catalogs } from './support/catalogs.js';
import { expect, test } from './support/fixtures.js';
import { linksOf, waitForMail } from './support/mail.js';
import { signIn } from './support/session.js';

const m = catalogs.en;

test('forgot password → e-mail → new password → the old session is signed out', async ({
  browser,
  baseURL,
}) => {
  const fan = await createUser({ displayName: 'Forgetful Fan' });
  const old = await browser.newContext({ baseURL });
  const oldPage = await old.newPage();
  await signIn(oldPage, fan);
  await oldPage.goto('/me?lang=en');
  await expect(oldPage.getByLabel(m['account.displayName'])).toHaveValue('Forgetful Fan');

  const fresh = await browser.newContext({ baseURL });
  const page = await fresh.newPage();
  await page.goto('/login?lang=en');
  await page.getByRole('link', { name: m['login.forgot'] }).click();
  await page.getByLabel(m['account.email'], { exact: true }).fill(fan.email);
  await page.getByRole('button', { name: m['forgot.submit'] }).click();
  await expect(page.getByText(m['forgot.sent'])).toBeVisible();

  const mail = await waitForMail(fan.email, (mm) =>
    linksOf(mm).some((l) => l.includes('/reset-password?token=')),
  );
  await page.goto(linksOf(mail).find((l) => l.includes('/reset-password?token='))!);
  await page.getByLabel(m['reset.newPassword']).fill('a-brand-new-secret');
  await page.getByRole('button', { name: m['reset.submit'] }).click();
  await expect(page.getByText(m['reset.done'])).toBeVisible();

  // The session signed in before the reset no longer works.
  await oldPage.goto('/me/registrations?lang=en');
  await expect(oldPage.getByText(m['error.unauthorized'])).toBeVisible();
  await expect(oldPage.getByRole('link', { name: m['nav.login'] }).first()).toBeVisible();

  // The new password does.
  await page.goto('/login?lang=en');
  await page.getByLabel(m['account.email'], { exact: true }).fill(fan.email);
  await page.getByLabel(m['account.password'], { exact: true }).fill('a-brand-new-secret');
  await page.getByRole('button', { name: m['login.submit'] }).click();
  await expect(page.getByText('Signed in as Forgetful Fan')).toBeVisible();
  await Promise.all([old.close(), fresh.close()]);
});

test('the session cookie is HttpOnly, and a change sent from elsewhere with it is refused and changes nothing', async ({
  page,
  context,
  baseURL,
}) => {
  const organizer = await createUser({ displayName: 'Organizer' });
  const group = await createGroup(organizer, `CSRF group ${Date.now()}`);
  const event = await createPublishedEvent(organizer, group.id);
  const fan = await createUser({ displayName: 'Careful Fan' });
  await signIn(page, fan);
  await page.goto(`/events/${event.id}?lang=en`);

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'fe_session')!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe('Lax');
  expect(await page.evaluate(() => document.cookie)).not.toContain('fe_session');

  // A script on our origin that does not send the app's header (what an injected form would do).
  const status = await page.evaluate(async (id) => {
    const res = await fetch(`/api/v1/events/${id}/registrations`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return { status: res.status, body: (await res.json()) as { code?: string } };
  }, event.id);
  expect(status).toMatchObject({ status: 403, body: { code: 'CSRF' } });

  // A form on another site posting to the API: the browser does not send the Lax cookie.
  await page.route('http://attacker.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: route.request().url().endsWith('/blank')
        ? '<p>elsewhere</p>'
        : `<form method="post" action="${baseURL}/api/v1/events/${event.id}/registrations" enctype="text/plain"><input name='{"a":"' value='"}'></form><script>document.forms[0].submit()</script>`,
    }),
  );
  const posted = page.waitForResponse(
    (r) => r.url().includes('/registrations') && r.request().method() === 'POST',
  );
  await page.goto('http://attacker.test/form');
  expect((await posted).status()).toBeGreaterThanOrEqual(400);

  // A cross-origin fetch with credentials and our header: the CORS preflight is refused.
  await page.goto('http://attacker.test/blank');
  const crossOrigin = await page.evaluate(async (url) => {
    try {
      await fetch(url, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'fanevents-web' },
        body: '{}',
      });
      return 'sent';
    } catch {
      return 'blocked';
    }
  }, `${baseURL}/api/v1/events/${event.id}/registrations`);
  expect(crossOrigin).toBe('blocked');

  const mine = await apiClient(fan.token).GET('/api/v1/me/registrations', {
    params: { query: { lang: 'en' } },
  });
  expect(mine.data!.items).toHaveLength(0);
});
