// Starts real platform processes from dist/ against a dedicated bench database and Redis prefix,
// with an in-process SMTP sink, for the cluster and soak benchmarks.
import { spawn } from 'node:child_process';
import net from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { waitForHttp } from './lib.mjs';

const ROOT = new URL('../', import.meta.url).pathname;

export async function freshDatabase(name) {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

export async function freePort() {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** An SMTP server that counts deliveries per Message-ID (to spot duplicates). */
export async function smtpSink() {
  const seen = new Map();
  let delivered = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c) => {
        if (head.length < 8192) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? `none-${delivered}`;
        seen.set(id, (seen.get(id) ?? 0) + 1);
        delivered += 1;
        callback();
      });
    },
  });
  server.on('error', () => undefined); // clients that die mid-conversation
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    get delivered() {
      return delivered;
    },
    get duplicates() {
      return [...seen.values()].filter((n) => n > 1).length;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

/** `nodeArgs`: extra node flags, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
export async function startProcess(role, env, nodeArgs = []) {
  const port = role === 'worker' ? 0 : await freePort();
  const child = spawn(
    process.execPath,
    [...nodeArgs, role === 'worker' ? 'dist/src/worker.js' : 'dist/src/main.js'],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env, APP_ROLE: role, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  if (role !== 'worker') await waitForHttp(`${url}/health`);
  else await new Promise((r) => setTimeout(r, 1500));
  return {
    child,
    url,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r(child.exitCode);
        child.once('exit', r);
        child.kill('SIGTERM');
      }),
  };
}

export async function api(base, method, path, body, token) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Signs up `n` fans (a few at a time) and returns their tokens and ids. */
export async function signupMany(base, n, tag) {
  const users = [];
  for (let i = 0; i < n; i += 16) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(16, n - i) }, (_, j) =>
        api(base, 'POST', '/auth/signup', {
          email: `${tag}-${i + j}@bench.example`,
          password: 'bench-password-123',
          displayName: `Fan ${i + j}`,
          country: ['KZ', 'US', 'JP', 'CN', 'DE'][(i + j) % 5],
          language: ['en', 'ru', 'kk'][(i + j) % 3],
        }),
      ),
    );
    for (const r of batch) {
      if (r.status !== 201) throw new Error(`signup ${r.status} ${JSON.stringify(r.body)}`);
      users.push({ id: r.body.user.id, token: r.body.accessToken });
    }
  }
  return users;
}
