import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  SetMetadata,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypedConfigService } from '../config/app-config.js';
import type { Redis } from 'ioredis';
import { RedisClient } from './redis/redis.module.js';

export type RateLimitBucket = 'auth' | 'user';
const RATE_LIMIT = 'rateLimitBucket';
const WINDOW_MS = 60_000;

/**
 * Limits a route: `auth` per client IP across all /auth routes (AUTH_RATE_LIMIT a minute),
 * `user` per authenticated user across all creating routes (USER_RATE_LIMIT a minute).
 */
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT, bucket);

// INCR with expiry on the first hit: a fixed one-minute window shared by every API process.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1])}`;

const COMMAND = 'fanEventsRateLimitIncrement';

function rateLimitIncrement(
  redis: Redis,
  key: string,
  windowMs: number,
): Promise<[number, number]> {
  if (!(COMMAND in redis)) redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: INCREMENT });
  const command = (redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[
    COMMAND
  ];
  return command.call(redis, key, windowMs) as Promise<[number, number]>;
}

/**
 * Counters live in Redis so that several API processes share them. (`@nestjs/throttler` is
 * CommonJS requiring the ESM-only @nestjs/common 12, which jest's ESM runtime cannot load on
 * Node 20, hence this small guard.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger(RateLimitGuard.name);
  private readonly limits: Record<RateLimitBucket, number>;

  constructor(
    private readonly reflector: Reflector,
    private readonly client: RedisClient,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    const { authRateLimit, userRateLimit } = config.get('auth', { infer: true });
    this.limits = { auth: authRateLimit, user: userRateLimit };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!bucket) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest & { user?: { id: string } }>();
    const reply = http.getResponse<FastifyReply>();
    const tracker = bucket === 'user' && req.user ? `user:${req.user.id}` : `ip:${req.ip}`;
    const counted = await this.increment(`${bucket}:${tracker}`);
    if (!counted) return true;
    const limit = this.limits[bucket];
    const resetSeconds = Math.max(1, Math.ceil(counted.pttl / 1000));
    void reply.header('X-RateLimit-Limit', limit);
    void reply.header('X-RateLimit-Remaining', Math.max(0, limit - counted.hits));
    void reply.header('X-RateLimit-Reset', resetSeconds);
    if (counted.hits > limit) {
      void reply.header('Retry-After', resetSeconds);
      throw new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `Too many requests, retry in ${resetSeconds} s`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }

  private async increment(key: string): Promise<{ hits: number; pttl: number } | undefined> {
    try {
      // EVALSHA of the script (ioredis loads it once), not its whole text on every request.
      const [hits, pttl] = await rateLimitIncrement(
        this.client.redis,
        `${this.client.prefix}:ratelimit:${key}`,
        WINDOW_MS,
      );
      return { hits, pttl };
    } catch (err) {
      // Fail open: an unreachable Redis must not take sign-ups and registrations down.
      this.logger.warn(`rate limiter unavailable: ${(err as Error).message}`);
      return undefined;
    }
  }
}
