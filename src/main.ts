import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { Server } from 'node:http';
import { createApp } from './bootstrap.js';
import { loadConfig, type TypedConfigService } from './config/app-config.js';
import { runWorker } from './worker.js';

async function main(): Promise<void> {
  // Validate the environment before anything connects, with a message naming the variable.
  const { app: appConfig } = loadConfig();
  if (appConfig.role === 'worker') {
    await runWorker();
    return;
  }
  const app = await createApp(appConfig.role);
  const config = app.get<TypedConfigService>(ConfigService);
  await app.listen({ port: config.get('app.port', { infer: true }), host: '0.0.0.0' });
  drainOnShutdown(app.getHttpServer());
}

/**
 * Nest's shutdown hooks close the server: new requests get 503 and in-flight ones finish. But a
 * keep-alive connection that was busy when the signal came stays open once idle, and would hold
 * the process forever; close such connections as they go idle, and everything after a deadline.
 */
function drainOnShutdown(server: Server): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setInterval(() => server.closeIdleConnections(), 100).unref();
      setTimeout(() => server.closeAllConnections(), 10_000).unref();
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
