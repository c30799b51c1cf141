import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { AppModule, requestId } from './app.module.js';
import { SESSION_COOKIE } from './auth/web-session.js';
import { type AppRole, loadConfig, type TypedConfigService } from './config/app-config.js';
import { createPino, PinoNestLogger } from './common/logging.js';

export const BODY_LIMIT_BYTES = 100 * 1024;

export interface CreateAppOptions {
  /** Where the logs go instead of stdout (tests read them back). */
  logDestination?: DestinationStream;
}

/**
 * Builds the HTTP application exactly as production runs it; the e2e tests call this too, so
 * they exercise the same adapter, limits, headers, prefix and docs.
 */
export async function createApp(
  role: AppRole = 'all',
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  // Fastify over Express: measured faster on the registration hot path (see README).
  const { logLevel, trustProxy } = loadConfig().app;
  const logger = createPino(logLevel, options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestId,
    requestIdHeader: false,
    trustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(role), adapter, {
    logger: new PinoNestLogger(logger),
    // Fastify's own JSON parser, adjusted below, instead of the one Nest would add at init.
    bodyParser: false,
  });
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: Fastify parses text/plain by default, which would reach the DTOs as a string.
  fastify.removeContentTypeParser('text/plain');
  // Many clients send `Content-Type: application/json` on a POST without a body (publish,
  // cancel, join): that is no body, not malformed JSON. Anything else parses as before
  // (`__proto__` and `constructor` keys refused).
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    body === '' ? done(null, undefined) : json(request, body as string, done),
  );
  // The id every log line of the request carries: a client quoting it lets us find them.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  const config = app.get<TypedConfigService>(ConfigService);

  await app.register(helmet, {
    // Swagger UI needs its inline script and styles; every other response gets the strict set.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
      },
    },
  });
  // Browser sessions (fe_session / fe_user, see src/auth/web-session.ts): parsed on every
  // request that sends a Cookie header, set only for the web app.
  await app.register(cookie);
  const origins = config.get('app.corsOrigins', { infer: true });
  app.enableCors({
    origin: origins.length > 0 ? origins : false,
    // @fastify/cors only allows the CORS-safelisted methods by default; the API needs them all.
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    credentials: false,
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
  });
  app.setGlobalPrefix('api/v1', { exclude: ['health'] });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fan events API')
      .setDescription(
        'Fan groups plan their gatherings: events with capacity and waitlists, registrations ' +
          'with check-in codes, help with tickets and accommodation, volunteer tasks.',
      )
      .setVersion('1.0')
      .addBearerAuth()
      // The web app's alternative to Bearer on every route (src/auth/web-session.ts).
      .addCookieAuth(SESSION_COOKIE, {
        type: 'apiKey',
        in: 'cookie',
        description:
          'Set by POST /auth/login and /auth/signup when the request carries ' +
          '`X-Requested-With: fanevents-web`; a state-changing request signed in by it must ' +
          'carry that header too (else 403 `code: "CSRF"`).',
      })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
