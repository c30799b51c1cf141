import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { AppModule, requestId } from './app.module.js';
import { type AppRole, loadConfig, type TypedConfigService } from './config/app-config.js';
import { createPino, PinoNestLogger } from './common/logging.js';
import { createOpenApiDocument, setApiPrefix } from './openapi.js';
import { defaultWebDir, serveWebApp } from './web/web-app.js';

export const BODY_LIMIT_BYTES = 100 * 1024;

const WEB_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  // react-aria injects two fixed <style> rules (touch-action on pressables, overscroll in
  // modals on iOS); their hashes allow exactly those, no other inline style.
  styleSrc: [
    "'self'",
    "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='",
    "'sha256-gYiS/BvZvRcK27JIXTuwhZ3hs2+VJ1X+2gUlE+farlg='",
  ],
  upgradeInsecureRequests: null,
};
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: validator.swagger.io",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

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
    // The web app: its own scripts, styles and fetches only; QR codes are drawn as data: images.
    contentSecurityPolicy: { directives: WEB_CSP },
  });
  // Swagger UI needs its inline script and styles, and only there.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/docs')) {
      void reply.header('Content-Security-Policy', DOCS_CSP);
    }
    done(null, payload);
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
  setApiPrefix(app);

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await serveWebApp(app, config.get('app.webDistDir', { infer: true }) ?? defaultWebDir());
  return app;
}
