import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** Hashed build output: the name changes with the content, so it may be cached forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Paths the web app never answers: the API, its documentation and the health probe. */
function isServerPath(path: string): boolean {
  return /^(api(\/|$)|docs|health(\/|$))/.test(path);
}

/** The directory holding package.json: `src/` under jest, `dist/src/` when built. */
function packageRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function defaultWebDir(): string {
  return join(packageRoot(), 'web', 'dist');
}

function listFiles(root: string, dir = root, out = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Build metadata (.vite/manifest.json) is not for browsers.
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(root, path, out);
    else if (!/\.(br|gz)$/.test(entry.name)) out.add(relative(root, path).split(sep).join('/'));
  }
  return out;
}

/**
 * Serves the built web app (web/dist) at `/`: its files as they are, with precompressed `.br`/
 * `.gz` siblings chosen by Accept-Encoding, and `index.html` for every other GET path so that
 * the app's router handles deep links (`/events/…`, `/reset-password?token=…`). A path that
 * names a missing file (`/assets/old.js`) is a 404, never the page: a browser must not run HTML
 * as a script. Returns false when the app was not built (an API-only deployment).
 */
export async function serveWebApp(app: NestFastifyApplication, root: string): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  // The build output does not change while the process runs: list it once.
  const files = listFiles(root);
  await app.register(fastifyStatic, {
    root,
    serve: false,
    preCompressed: true,
    cacheControl: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (isServerPath(path)) return reply.callNotFound();
    if (files.has(path) && path !== 'index.html') {
      void reply.header('Cache-Control', path.startsWith('assets/') ? IMMUTABLE : 'no-cache');
      return reply.sendFile(path);
    }
    if (/\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    void reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html');
  });
  return true;
}
