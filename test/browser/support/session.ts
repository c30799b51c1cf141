import type { Page } from '@playwright/test';
import type { TestUser } from './api.js';

/** Signs the browser in the way the web app does (cookie session), without the login page. */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  const res = await page.request.post('/api/v1/auth/login', {
    headers: { 'X-Requested-With': 'fanevents-web' },
    data: { email: user.email, password: user.password },
  });
  if (res.status() !== 200) throw new Error(`login: ${res.status()} ${await res.text()}`);
}
