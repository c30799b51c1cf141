import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createPino, PinoNestLogger } from './common/logging.js';
import { fileURLToPath } from 'node:url';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';

/** Queue workers and periodic jobs without an HTTP server (APP_ROLE=worker). */
export async function runWorker(): Promise<void> {
  const logger = new PinoNestLogger(createPino(loadConfig().app.logLevel));
  const app = await NestFactory.createApplicationContext(AppModule.register('worker'), { logger });
  app.enableShutdownHooks();
  await app.init();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runWorker().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
