import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Observable } from 'rxjs';

const BODY_PARAMS = [RouteParamtypes.BODY, RouteParamtypes.RAW_BODY].map((t) => `${t}:`);

function isEmpty(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  return (
    typeof body === 'object' &&
    !Array.isArray(body) &&
    !Buffer.isBuffer(body) &&
    Object.keys(body).length === 0
  );
}

/**
 * Routes that take no body (join, publish, cancel, sign-up, complete...) refuse one that
 * carries anything. The ValidationPipe only sees declared parameters, so without this a
 * `{"role": "organizer"}` sent to /join or a `{"userId": ...}` sent to /sign-up was silently
 * ignored — API.md says unknown fields are rejected, not ignored, and a client that believes
 * it set a field must learn that it did not.
 */
@Injectable()
export class UnexpectedBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
      if (!isEmpty(body) && !this.takesBody(context)) {
        throw new BadRequestException('This route takes no request body');
      }
    }
    return next.handle();
  }

  private takesBody(context: ExecutionContext): boolean {
    const args = (Reflect.getMetadata(
      ROUTE_ARGS_METADATA,
      context.getClass(),
      context.getHandler().name,
    ) ?? {}) as Record<string, unknown>;
    return Object.keys(args).some((key) => BODY_PARAMS.some((p) => key.startsWith(p)));
  }
}
