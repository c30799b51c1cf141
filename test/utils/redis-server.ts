import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';

/** A private, throw-away redis-server (no persistence) that a test can kill and restart. */
export class PrivateRedis {
  private child?: ChildProcess;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    const client = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      const deadline = Date.now() + 5000;
      for (;;) {
        try {
          await client.connect();
          await client.ping();
          return;
        } catch (err) {
          if (Date.now() > deadline || child.exitCode !== null) throw err;
          client.disconnect();
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    } finally {
      client.disconnect();
    }
  }

  /** SIGKILL: whatever Redis held (queued jobs) is gone, as after a crash without persistence. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }
}
