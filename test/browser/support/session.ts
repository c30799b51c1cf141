import type { BrowserContext, Page } from '@playwright/test';
import type { TestUser } from './api.js';

/**
 * Signs a page's or a context's browser in as the web app does (cookie session: POST
 * /auth/login with the app's header sets `fe_session` and `fe_user`), without the login page.
 */
export async function signIn(target: Page | BrowserContext, user: TestUser): Promise<void> {
  const res = await target.request.post(`${process.env.BROWSER_BASE_URL}/api/v1/auth/login`, {
    headers: { 'X-Requested-With': 'fanevents-web' },
    data: { email: user.email, password: user.password },
  });
  if (res.status() !== 200) throw new Error(`login: ${res.status()} ${await res.text()}`);
}
