import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import {
  type AuthUser,
  BAD_TOKEN_MESSAGE,
  CHECKS_ACCOUNT_ITSELF,
  IS_PUBLIC,
  type RequestWithUser,
} from './auth.decorators.js';
import { ACTIVE_SESSION_SQL } from './session-sql.js';
import {
  CsrfRefused,
  isSafeMethod,
  isWebClient,
  SESSION_COOKIE,
  WebSession,
} from './web-session.js';

interface RequestLike extends RequestWithUser {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
}

/**
 * Deny by default: every route needs a valid access token unless marked @Public(). The token
 * comes as `Authorization: Bearer` (API clients) or in the `fe_session` cookie (the web app);
 * Bearer wins when both are sent. On a public route a valid token still identifies the caller
 * (a member may see more), a bad one is ignored.
 *
 * CSRF: a browser attaches the cookie to any request, cross-site form posts included, so a
 * state-changing request authenticated by the cookie must also carry the web app's header
 * (WebSession); without it an authenticated route answers 403 `code: "CSRF"` and a public one
 * treats the caller as anonymous. Bearer tokens are never sent by a browser on its own.
 *
 * JWTs cannot be revoked, so every authenticated request checks that its account still exists
 * and that the token is of the account's current session version (a password reset ends every
 * older session): one primary-key lookup, except on a route marked @ChecksAccountItself(),
 * whose own statement does it (the registration hot path).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly webSession: WebSession,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    // Only meaningful on an authenticated route: a public one treats a deleted account as
    // anonymous, which needs the lookup.
    const checkedByRoute =
      !isPublic && this.reflector.getAllAndOverride<boolean>(CHECKS_ACCOUNT_ITSELF, targets);
    const http = context.switchToHttp();
    const request = http.getRequest<RequestLike>();
    const bearer = this.bearer(request);
    const cookie = bearer ? undefined : request.cookies?.[SESSION_COOKIE] || undefined;
    const token = bearer ?? cookie;
    const claims = token ? await this.verifiedClaims(token) : undefined;
    if (claims && cookie && !isSafeMethod(request.method) && !isWebClient(request.headers)) {
      // Before any lookup: a forged cross-site request learns nothing and changes nothing.
      if (!isPublic) throw new CsrfRefused();
      return true;
    }
    // Outside the verify's try: a database failure is no bad token and must not become a 401.
    const language = claims && !checkedByRoute ? await this.liveLanguage(claims) : undefined;
    if (claims && checkedByRoute) {
      request.user = claims;
    } else if (claims && language !== undefined) {
      request.user = { ...claims, language };
    } else if (cookie) {
      // A session cookie that no longer works (expired, revoked, account gone): the browser
      // forgets it, and the app sees from `fe_user` that nobody is signed in.
      this.webSession.end(http.getResponse<FastifyReply>());
    }
    if (!request.user && !isPublic) {
      throw new UnauthorizedException(BAD_TOKEN_MESSAGE);
    }
    return true;
  }

  /** The token's user id and session version, or undefined for a bad, expired or foreign token. */
  private async verifiedClaims(token: string): Promise<AuthUser | undefined> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub?: unknown; sv?: unknown }>(token);
      // Only a user id: anything else would reach a uuid column and fail as a 400 there.
      if (typeof payload.sub !== 'string' || !isUUID(payload.sub)) return undefined;
      // Tokens issued before session versions existed are of version 0.
      const sv = payload.sv ?? 0;
      if (typeof sv !== 'number' || !Number.isSafeInteger(sv) || sv < 0) return undefined;
      return { id: payload.sub, sessionVersion: sv };
    } catch {
      // Anonymous on a public route, 401 otherwise.
      return undefined;
    }
  }

  /**
   * The account's language if the session is live (account not deleted, token not revoked),
   * else undefined. The language comes with the lookup for free: reads show organizer text in
   * it (see ReaderLanguage).
   */
  private async liveLanguage(user: AuthUser): Promise<string | undefined> {
    const rows = await this.dataSource.query<{ language: string }[]>(ACTIVE_SESSION_SQL, [
      user.id,
      user.sessionVersion,
    ]);
    return rows[0]?.language;
  }

  private bearer(request: RequestLike): string | undefined {
    const header = request.headers.authorization;
    if (typeof header !== 'string') return undefined;
    const [scheme, token] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
  }
}
