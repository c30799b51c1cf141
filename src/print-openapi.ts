import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { createOpenApiDocument, setApiPrefix } from './openapi.js';

/**
 * Prints the OpenAPI document (the one served at /docs-json) without a database or Redis:
 * Nest's preview mode builds the module graph without instantiating providers, which is all
 * the Swagger explorer reads. `npm run web:api` turns it into the web app's typed client.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule.register('api'), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  setApiPrefix(app);
  process.stdout.write(`${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
