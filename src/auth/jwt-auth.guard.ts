import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  BAD_TOKEN_MESSAGE,
  CHECKS_ACCOUNT_ITSELF,
  IS_PUBLIC,
  type RequestWithUser,
} from './auth.decorators.js';

interface RequestLike extends RequestWithUser {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Deny by default: every route needs a valid bearer token unless marked @Public(). On a public
 * route a valid token still identifies the caller (a member may see more), a bad one is ignored.
 * A token of a deleted account is a bad one: JWTs cannot be revoked, so every authenticated
 * request checks that its account still exists (one primary-key lookup), except on a route
 * marked @ChecksAccountItself(), whose own statement does it (the registration hot path).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    // Only meaningful on an authenticated route: a public one treats a deleted account as
    // anonymous, which needs the lookup.
    const checkedByRoute =
      !isPublic && this.reflector.getAllAndOverride<boolean>(CHECKS_ACCOUNT_ITSELF, targets);
    const request = context.switchToHttp().getRequest<RequestLike>();
    const token = this.bearer(request);
    const userId = token ? await this.verifiedSubject(token) : undefined;
    // Outside the verify's try: a database failure is no bad token and must not become a 401.
    if (userId) {
      if (checkedByRoute) request.user = { id: userId };
      else {
        const language = await this.activeLanguage(userId);
        if (language !== undefined) request.user = { id: userId, language };
      }
    }
    if (!request.user && !isPublic) {
      throw new UnauthorizedException(BAD_TOKEN_MESSAGE);
    }
    return true;
  }

  /** The token's user id, or undefined for a bad, expired or foreign token. */
  private async verifiedSubject(token: string): Promise<string | undefined> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub?: unknown }>(token);
      // Only a user id: anything else would reach a uuid column and fail as a 400 there.
      return typeof payload.sub === 'string' && isUUID(payload.sub) ? payload.sub : undefined;
    } catch {
      // Anonymous on a public route, 401 otherwise.
      return undefined;
    }
  }

  /**
   * The account's language if it is active (not deleted), else undefined. The language comes
   * with the lookup for free: reads show organizer text in it (see ReaderLanguage).
   */
  private async activeLanguage(userId: string): Promise<string | undefined> {
    const rows = await this.dataSource.query<{ language: string }[]>(
      'SELECT language FROM users WHERE id = $1 AND deleted_at IS NULL',
      [userId],
    );
    return rows[0]?.language;
  }

  private bearer(request: RequestLike): string | undefined {
    const header = request.headers.authorization;
    if (typeof header !== 'string') return undefined;
    const [scheme, token] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
  }
}
