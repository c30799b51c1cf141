import net from 'node:net';

/**
 * A TCP proxy between the app and a dependency (Postgres, Redis, SMTP) that a test can cut,
 * delay and restore, to see how the platform behaves when the dependency fails.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private mode: 'pass' | 'cut' | 'blackhole' = 'pass';
  private delayMs = 0;
  private trap?: (chunk: Buffer) => boolean;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Resets every open connection and refuses new ones until restore(). */
  cut(): void {
    this.mode = 'cut';
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** Accepts connections but never answers: the dependency hangs instead of failing. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** Adds latency to every chunk in both directions. */
  delay(ms: number): void {
    this.delayMs = ms;
  }

  /**
   * Cuts every connection the moment a client→server chunk matches (the chunk is dropped),
   * once: e.g. just before the end of an SMTP message reaches the server.
   */
  cutWhen(trap: (chunk: Buffer) => boolean): void {
    this.trap = trap;
  }

  restore(): void {
    this.mode = 'pass';
    this.delayMs = 0;
  }

  async stop(): Promise<void> {
    this.cut();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'cut') {
      client.destroy();
      return;
    }
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    if (this.mode === 'blackhole') return;
    const upstream = net.connect(this.targetPort, this.targetHost);
    this.sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
    this.pipe(client, upstream, true);
    this.pipe(upstream, client, false);
  }

  private pipe(from: net.Socket, to: net.Socket, toServer: boolean): void {
    from.on('data', (chunk: Buffer) => {
      if (toServer && this.trap?.(chunk)) {
        this.trap = undefined;
        this.cut();
        this.restore();
        return;
      }
      if (this.mode !== 'pass') {
        from.destroy();
        return;
      }
      if (this.delayMs > 0) setTimeout(() => to.write(chunk), this.delayMs);
      else to.write(chunk);
    });
  }
}
