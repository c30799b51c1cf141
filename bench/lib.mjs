// Shared helpers for the benchmarks: autocannon runs, process RSS sampling, formatting.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export function run(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    autocannon.track(instance, {
      renderProgressBar: false,
      renderResultsTable: false,
      renderLatencyTable: false,
    });
  });
}

/** Peak RSS of a child process, sampled from /proc while `fn` runs. */
export async function withPeakRss(pid, fn) {
  let peak = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      /* process gone */
    }
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await fn();
    sample();
    return { result, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function summary(label, r) {
  const non2xx = r.non2xx ?? 0;
  return `${label.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  errors ${r.errors}  non-2xx ${non2xx}`;
}

export async function waitForHttp(url, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
