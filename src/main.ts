import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
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
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
