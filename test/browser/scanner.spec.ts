import { chromium, type Browser } from '@playwright/test';
import config from '../../playwright.config.js';
import { apiClient, createGroup, createPublishedEvent, createUser } from './support/api.js';
import { qrVideo } from './support/fake-camera.js';
import { expect, expectAccessible, test } from './support/fixtures.js';
import { registerFan } from './support/manage.js';
import { signIn } from './support/session.js';

/** Chromium with a fake camera that films `videoPath` (one file per launch: WEB.md). */
async function launchWithCamera(videoPath: string): Promise<Browser> {
  const launch = config.use?.launchOptions ?? {};
  return chromium.launch({
    ...launch,
    args: [
      ...(launch.args ?? []),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${videoPath}`,
    ],
  });
}

test.describe('the door scanner', () => {
  test('camera: green with name, country and language, then amber on a second scan; a keyboard-wedge scan; offline scans are queued and sent once when back online', async ({
    viewport,
    isMobile,
    hasTouch,
  }) => {
    const organizer = await createUser({ displayName: 'Aigerim Door' });
    const group = await createGroup(organizer, `Door Crew ${Date.now()}`);
    const event = await createPublishedEvent(organizer, group.id);
    const sakura = await createUser({ displayName: 'Sakura', country: 'JP', language: 'en' });
    const lena = await createUser({ displayName: 'Lena', country: 'DE', language: 'ru' });
    const arman = await createUser({ displayName: 'Arman', country: 'KZ', language: 'kk' });
    const first = await registerFan(sakura, event.id);
    const second = await registerFan(lena, event.id);
    const third = await registerFan(arman, event.id);
    expect(first.code && second.code && third.code).toBeTruthy();

    const browser = await launchWithCamera(qrVideo(first.code!));
    try {
      const context = await browser.newContext({
        baseURL: process.env.BROWSER_BASE_URL,
        viewport,
        isMobile,
        hasTouch,
      });
      await context.grantPermissions(['camera']);
      await signIn(context, organizer);
      const page = await context.newPage();
      await page.goto(`/scan/${event.id}?lang=en`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Door check-in');
      await expect(page.getByText('0 of 3 confirmed guests checked in')).toBeVisible();
      await expectAccessible(page);

      // The camera reads Sakura's code: green, with who she is.
      await page.getByRole('button', { name: 'Scan with the camera' }).click();
      const result = page.locator('.scan-result');
      await expect(result).toContainText('Welcome, Sakura! Checked in.');
      await expect(result).toContainText('Japan');
      await expect(result).toContainText('English');
      await expect(page.locator('.scan')).toHaveClass(/scan--ok/);
      await expect(page.getByText('1 of 3 confirmed guests checked in')).toBeVisible();
      await expectAccessible(page);

      // The same code keeps being seen: nothing more happens until the next guest is called.
      await page.getByRole('button', { name: 'Next guest' }).click();
      await expect(result).toContainText(/Already checked in at \d\d:\d\d/);
      await expect(page.locator('.scan')).toHaveClass(/scan--already/);
      await page.getByRole('button', { name: 'Turn the camera off' }).click();

      // A USB scanner types the code and presses Enter.
      const input = page.getByLabel('Check-in code (scanner or keyboard)');
      await input.click();
      await page.keyboard.type(second.code!.toLowerCase());
      await page.keyboard.press('Enter');
      await expect(result).toContainText('Welcome, Lena! Checked in.');
      await expect(result).toContainText('Germany');
      await expect(result).toContainText('Russian');

      // An unknown code: red.
      await input.fill('ZZZZZZZZZZZZ');
      await input.press('Enter');
      await expect(result).toContainText('Unknown code');
      await expect(page.locator('.scan')).toHaveClass(/scan--unknown/);

      // The stadium's Wi-Fi drops: the scan is kept on the device and shown as queued.
      await context.setOffline(true);
      await input.fill(third.code!);
      await input.press('Enter');
      await expect(result).toContainText('No network: scan saved');
      await expect(page.getByText('1 scan waiting for the network')).toBeVisible();
      // The same code twice in a row while offline is still one queued scan.
      await input.fill(third.code!);
      await input.press('Enter');
      await expect(page.getByText('1 scan waiting for the network')).toBeVisible();
      await expectAccessible(page);

      await context.setOffline(false);
      const sent = page.locator('.scan-sent');
      await expect(sent).toContainText('Welcome, Arman! Checked in.');
      await expect(page.getByText(/scans? waiting for the network/)).toHaveCount(0);
      await expect(page.getByText('3 of 3 confirmed guests checked in')).toBeVisible();
      await context.close();
    } finally {
      await browser.close();
    }

    // The server judged once: Arman is checked in, and a second check-in is refused.
    const again = await apiClient(organizer.token).POST('/api/v1/events/{eventId}/check-ins', {
      params: { path: { eventId: event.id } },
      body: { code: third.code! },
    });
    expect(again.response.status).toBe(409);
    const summary = await apiClient(organizer.token).GET(
      '/api/v1/events/{eventId}/check-ins/summary',
      { params: { path: { eventId: event.id } } },
    );
    expect(summary.data).toEqual({ confirmed: 3, checkedIn: 3 });
  });
});
