// vitest globalSetup of the worker project: bundle api/worker.ts once, exactly as
// `wrangler deploy` would (--dry-run), for every test file to load into workerd.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export const bundleDir = '.wrangler/test-bundle';

export default function setup() {
  rmSync(bundleDir, { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--outdir', bundleDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
}
