/**
 * Coalesces per-e-mail database statements into one statement per batch: jobs running side by
 * side each call `add(id)` and get their own result once the batch's statement has run. Under
 * load this turns one round trip per e-mail into one per few dozen; alone, a job waits at most
 * `delayMs` more.
 */
export class Batcher<T> {
  private ids: string[] = [];
  private waiters: {
    id: string;
    resolve: (r: T | undefined) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly run: (ids: string[]) => Promise<Map<string, T> | void>,
    private readonly maxBatch = 100,
    private readonly delayMs = 5,
  ) {}

  add(id: string): Promise<T | undefined> {
    const result = new Promise<T | undefined>((resolve, reject) =>
      this.waiters.push({ id, resolve, reject }),
    );
    this.ids.push(id);
    if (this.ids.length >= this.maxBatch) this.start();
    else this.timer ??= setTimeout(() => this.start(), this.delayMs);
    return result;
  }

  /** Runs what is waiting now and resolves when every started batch has finished. */
  async flush(): Promise<void> {
    this.start();
    await Promise.allSettled([...this.inFlight]);
  }

  private start(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.ids.length === 0) return;
    const ids = this.ids;
    const waiters = this.waiters;
    this.ids = [];
    this.waiters = [];
    const batch = this.run(ids).then(
      (results) => waiters.forEach((w) => w.resolve(results ? results.get(w.id) : undefined)),
      (err: unknown) => waiters.forEach((w) => w.reject(err)),
    );
    this.inFlight.add(batch);
    void batch.finally(() => this.inFlight.delete(batch));
  }
}
