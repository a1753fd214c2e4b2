import { defineConfig } from 'vitest/config';

// One suite, two engines: the API tests run against the Node server and against the Worker
// in workerd (LINKKI_ENGINE=worker, see test/support/server.ts).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          // test/edge/: what a request costs at a database over the network (the Worker's).
          exclude: ['test/edge/**'],
          env: { LINKKI_ENGINE: 'node' },
        },
      },
      {
        extends: true,
        test: {
          name: 'worker',
          globalSetup: ['test/support/worker-bundle.ts'],
          setupFiles: ['test/support/fresh-connections.ts'],
          include: ['test/api/**/*.test.ts', 'test/edge/**/*.test.ts', 'test/widget/intake.test.ts', 'test/dashboard/flow.test.ts'],
          // Node-only pieces: the CLI works on the local file, key handling is runtime-free.
          exclude: [
            'test/api/partner-cli.test.ts',
            'test/api/keys.test.ts',
            'test/api/hit-counts.test.ts',
            'test/api/environment.test.ts',
            'test/api/migrate-remote.test.ts',
          ],
          env: { LINKKI_ENGINE: 'worker' },
        },
      },
    ],
  },
});
