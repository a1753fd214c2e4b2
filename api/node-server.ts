// Node wiring shared by `npm start` and the test harness: open the libSQL file, migrate,
// build the app, add static files (widget bundle, page CSS), listen.
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Client } from '@libsql/client';
import { Hono } from 'hono';
import { noBotCheck, type BotCheck } from './adapters/bot-check.ts';
import { systemClock, type Clock } from './adapters/clock.ts';
import { createKeys, type KeyMaterial } from './adapters/keys.ts';
import { createApp } from './app.ts';
import { createDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { readMigrations } from './db/migrations-node.ts';
import { openFileDatabase } from './db/open-file.ts';
import { runJobs } from './jobs/run-jobs.ts';
import type { AppConfig, AppEnv, Deps } from './deps.ts';

const root = new URL('../', import.meta.url).pathname;

export type NodeServerOptions = {
  dbPath: string;
  keyMaterial: KeyMaterial;
  config: AppConfig;
  port: number;
  hostname?: string;
  clock?: Clock;
  botCheck?: BotCheck;
  /** Serve the demo partner page at / (local starts only). */
  demoPage?: boolean;
  /** Run the scheduled jobs in-process every this many ms (npm start); off in tests. */
  jobsEveryMs?: number;
};

export type NodeServer = { url: string; port: number; client: Client; deps: Deps; close(): Promise<void> };

export async function startNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const client = await openFileDatabase(options.dbPath);
  await migrate(client, readMigrations());
  const deps: Deps = {
    client,
    db: createDatabase(client),
    clock: options.clock ?? systemClock,
    keys: await createKeys(options.keyMaterial),
    botCheck: options.botCheck ?? noBotCheck,
    config: options.config,
    peerAddress: (c) => getConnInfo(c).remote.address,
  };

  const server = new Hono<AppEnv>();
  // The widget is fetched cross-origin as a module script: it needs CORS, and it is public.
  server.use('/widget*', async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Cache-Control', 'public, max-age=300');
    c.header('X-Content-Type-Options', 'nosniff');
  });
  server.use('/widget*', serveStatic({ root: `${root}dist` }));
  server.get('/page.css', serveStatic({ path: `${root}dashboard/static/page.css` }));
  if (options.demoPage) server.get('/', serveStatic({ path: `${root}dashboard/static/demo.html` }));
  server.route('/', createApp(deps));

  const hostname = options.hostname ?? '0.0.0.0';
  const listening = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: server.fetch, port: options.port, hostname }, () => resolve(s));
  });
  const timer = options.jobsEveryMs ? setInterval(() => {
    runJobs(deps, deps.clock.now())
      .then((report) => console.log(JSON.stringify({ job: 'scheduled', at: deps.clock.now().toISOString(), ...report })))
      .catch((err: Error) => console.error('scheduled jobs failed:', err.message));
  }, options.jobsEveryMs) : undefined;
  timer?.unref();
  const address = listening.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    port,
    client,
    deps,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        listening.close(() => { client.close(); resolve(); });
        (listening as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
