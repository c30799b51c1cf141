import type TestAgent from 'supertest/lib/agent.js';
import type { Response } from 'supertest';

/** What the web app sends on every request. */
export const WEB = { 'X-Requested-With': 'fanevents-web' };

export interface ParsedCookie {
  name: string;
  value: string;
  /** Attribute names lower-cased; flags map to true. */
  attributes: Record<string, string | true>;
}

/** Every Set-Cookie of a response, parsed. */
export function setCookies(res: Response): Record<string, ParsedCookie> {
  const raw = res.headers['set-cookie'] as unknown;
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const out: Record<string, ParsedCookie> = {};
  for (const line of list) {
    const [pair, ...attrs] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    out[name] = {
      name,
      value: decodeURIComponent(pair.slice(eq + 1)),
      attributes: Object.fromEntries(
        attrs.map((a) => {
          const i = a.indexOf('=');
          return i < 0 ? [a.toLowerCase(), true] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
        }),
      ),
    };
  }
  return out;
}

/** A browser session: the cookies a sign-in set, as a `Cookie` header. */
export interface BrowserSession {
  cookie: string;
  session: string;
  user: { id: string; displayName: string; language: string };
}

export function sessionFrom(res: Response): BrowserSession {
  const cookies = setCookies(res);
  const session = cookies.fe_session?.value;
  const user = cookies.fe_user?.value;
  if (!session || !user) {
    throw new Error(`no session cookies: ${res.status} ${JSON.stringify(res.headers)}`);
  }
  return {
    cookie: `fe_session=${session}; fe_user=${user}`,
    session,
    user: JSON.parse(Buffer.from(user, 'base64url').toString('utf8')) as BrowserSession['user'],
  };
}

/** Signs in as the web app does and returns the browser's cookies. */
export async function webLogin(
  http: TestAgent,
  email: string,
  password = 'correct horse battery',
): Promise<BrowserSession> {
  const res = await http.post('/api/v1/auth/login').set(WEB).send({ email, password });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return sessionFrom(res);
}
