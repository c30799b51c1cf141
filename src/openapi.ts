import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from './auth/web-session.js';

/** Every API route lives under this prefix; `/health` stays at the root for probes. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api/v1', { exclude: ['health'] });
}

/** The OpenAPI document of the HTTP API, built from the controllers and DTOs. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
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
}
