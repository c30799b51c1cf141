import { ForbiddenException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { TypedConfigService } from '../config/app-config.js';

/** The HttpOnly cookie carrying the access token of a browser session. */
export const SESSION_COOKIE = 'fe_session';
/** A readable, non-secret cookie: who is signed in (`{id, displayName, language}`), no token. */
export const USER_COOKIE = 'fe_user';
/**
 * The header only our own web app sends (a cross-site form or `fetch` cannot add it without
 * a CORS preflight that this API refuses). Cookies are set only for a request carrying it, and
 * a state-changing request authenticated by the cookie needs it.
 */
export const WEB_CLIENT_HEADER = 'x-requested-with';
export const WEB_CLIENT_VALUE = 'fanevents-web';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method.toUpperCase());

export function isWebClient(headers: Record<string, string | string[] | undefined>): boolean {
  return headers[WEB_CLIENT_HEADER] === WEB_CLIENT_VALUE;
}

/** 403 `code: "CSRF"`: a cookie-authenticated change without the web app's header. */
export class CsrfRefused extends ForbiddenException {
  constructor() {
    super({
      statusCode: HttpStatus.FORBIDDEN,
      error: 'Forbidden',
      code: 'CSRF',
      message: `A request signed in by cookie must carry the header X-Requested-With: ${WEB_CLIENT_VALUE}`,
    });
  }
}

export interface WebUser {
  id: string;
  displayName: string;
  language: string;
}

/** `fe_user`'s value: base64url of `{id, displayName, language}`. */
export const encodeWebUser = (user: WebUser): string =>
  Buffer.from(
    JSON.stringify({ id: user.id, displayName: user.displayName, language: user.language }),
  ).toString('base64url');

/** Sets and clears the browser-session cookies (WEB.md "Sign-in in the browser"). */
@Injectable()
export class WebSession {
  private readonly base: CookieSerializeOptions;

  constructor(@Inject(ConfigService) config: TypedConfigService) {
    const secure = config.get('app.env', { infer: true }) === 'production';
    this.base = { path: '/', sameSite: 'lax', secure };
    this.maxAge = config.get('auth.jwtTtlSeconds', { infer: true });
  }

  private readonly maxAge: number;

  /** Both cookies, after a sign-in: they expire with the token. */
  start(reply: FastifyReply, accessToken: string, user: WebUser): void {
    void reply.setCookie(SESSION_COOKIE, accessToken, {
      ...this.base,
      httpOnly: true,
      maxAge: this.maxAge,
    });
    this.refreshUser(reply, user);
  }

  /** `fe_user` again (the profile changed); the session cookie is left as it is. */
  refreshUser(reply: FastifyReply, user: WebUser): void {
    void reply.setCookie(USER_COOKIE, encodeWebUser(user), {
      ...this.base,
      httpOnly: false,
      maxAge: this.maxAge,
    });
  }

  /** Sign-out, or a session cookie that no longer works: both cookies expire now. */
  end(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, { ...this.base, httpOnly: true });
    void reply.clearCookie(USER_COOKIE, { ...this.base, httpOnly: false });
  }
}
