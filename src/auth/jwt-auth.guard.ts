import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { IS_PUBLIC, type RequestWithUser } from './auth.decorators.js';

interface RequestLike extends RequestWithUser {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Deny by default: every route needs a valid bearer token unless marked @Public(). On a public
 * route a valid token still identifies the caller (a member may see more), a bad one is ignored.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<RequestLike>();
    const token = this.bearer(request);
    if (token) {
      try {
        const payload = await this.jwt.verifyAsync<{ sub?: unknown }>(token);
        // Only a user id: anything else would reach a uuid column and fail as a 400 there.
        if (typeof payload.sub === 'string' && isUUID(payload.sub)) {
          request.user = { id: payload.sub };
        }
      } catch {
        // Falls through: anonymous on a public route, 401 otherwise.
      }
    }
    if (!request.user && !isPublic) {
      throw new UnauthorizedException('Missing, invalid or expired access token');
    }
    return true;
  }

  private bearer(request: RequestLike): string | undefined {
    const header = request.headers.authorization;
    if (typeof header !== 'string') return undefined;
    const [scheme, token] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
  }
}
