import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';

const ROOT = new URL('../../', import.meta.url).pathname;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than the sources, for tests that run real processes. */
export function ensureBuilt(): void {
  const main = `${ROOT}dist/src/main.js`;
  const sources = Math.max(newestMtime(`${ROOT}src`), newestMtime(`${ROOT}migrations`));
  if (existsSync(main) && statSync(main).mtimeMs >= sources) return;
  const result = spawnSync('npx', ['nest', 'build', '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  if (result.status !== 0) throw new Error('build failed');
}

/** Builds web/dist when it is missing or older than the web app's sources. */
export function ensureWebBuilt(): void {
  const index = `${ROOT}web/dist/index.html`;
  const sources = Math.max(
    newestMtime(`${ROOT}web/src`),
    newestMtime(`${ROOT}web/public`),
    statSync(`${ROOT}web/index.html`).mtimeMs,
    statSync(`${ROOT}web/vite.config.ts`).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  if (result.status !== 0) throw new Error('web build failed');
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface AppProcess {
  child: ChildProcess;
  port?: number;
  url?: string;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node dist/src/main.js` (api/all) or `dist/src/worker.js` with the test environment. */
export async function startProcess(
  role: 'api' | 'worker' | 'all',
  env: Record<string, string | undefined>,
  options: { port?: number } = {},
): Promise<AppProcess> {
  const port = role === 'worker' ? undefined : (options.port ?? (await freePort()));
  const entry = role === 'worker' ? 'dist/src/worker.js' : 'dist/src/main.js';
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      ...env,
      APP_ROLE: role,
      PORT: String(port ?? 0),
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const proc: AppProcess = {
    child,
    port,
    url: port ? `http://127.0.0.1:${port}` : undefined,
    output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
  if (port) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const res = await fetch(`${proc.url}/health`);
        if (res.status === 200) break;
      } catch {
        /* not listening yet */
      }
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`${role} did not start:\n${output.join('')}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } else {
    // A worker has no port: give it a moment to connect to Redis and Postgres.
    await new Promise((r) => setTimeout(r, 1500));
  }
  return proc;
}
