// `npm run bench`: every benchmark in turn (each prints its own figures). Needs Postgres and
// Redis on localhost, like the tests; takes a few minutes. `bench:soak` is left out (10 min).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = ['adapters', 'registration', 'mail', 'cluster', 'checkin'];
let failed = 0;
for (const name of benches) {
  const file = new URL(`./${name}.bench.mjs`, import.meta.url);
  if (!existsSync(file)) continue;
  console.log(`\n=== bench:${name}`);
  const { status } = spawnSync(process.execPath, [file.pathname], { stdio: 'inherit' });
  if (status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
