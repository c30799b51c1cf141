import type { BrowserContext } from '@playwright/test';
import type { TestUser } from './api.js';

/**
 * Signs a browser context in as the web app does (cookie session: POST /auth/login with the
 * app's header sets `fe_session` and `fe_user`), without going through a login page.
 */
export async function signIn(context: BrowserContext, user: TestUser): Promise<void> {
  const response = await context.request.post(`${process.env.BROWSER_BASE_URL}/api/v1/auth/login`, {
    headers: { 'X-Requested-With': 'fanevents-web' },
    data: { email: user.email, password: user.password },
  });
  if (!response.ok()) throw new Error(`login: HTTP ${response.status()}`);
}
