// `npm run dev:worker`: the Worker in workerd (wrangler dev) on http://localhost:8787, talking
// Hrana over HTTP to the development libSQL stand-in (tools/libsql-server) over the same
// data/linkki.db and keys that `npm start` uses. A development setup, not a deployment.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { migrate } from '../api/db/migrate.ts';
import { readMigrations } from '../api/db/migrations-node.ts';
import { openFileDatabase } from '../api/db/open-file.ts';
import { createDatabase } from '../api/db/client.ts';
import { noCache } from '../api/adapters/cache.ts';
import { systemClock } from '../api/adapters/clock.ts';
import { seedDemo } from '../api/domain/demo.ts';
import { readNodeEnv } from '../api/environment-node.ts';
import { startLibsqlServer } from '../tools/libsql-server/server.ts';

const settings = readNodeEnv(process.env);
const client = await openFileDatabase(settings.dbPath);
await migrate(client, readMigrations());
const origin = new URL(settings.config.publicUrl).origin;
await seedDemo({ client, db: createDatabase(client), clock: systemClock, cache: noCache }, [
  origin,
  origin.replace('//localhost:', '//127.0.0.1:'),
]);
client.close();

const libsqlPort = Number(process.env.LIBSQL_PORT ?? 8788);
const libsql = await startLibsqlServer({ dbPath: settings.dbPath, port: libsqlPort, hostname: '127.0.0.1' });
console.log(`libSQL stand-in on ${libsql.url} over ${settings.dbPath}`);

// wrangler dev reads secrets for local runs from .dev.vars (gitignored).
writeFileSync(
  '.dev.vars',
  [
    `DATABASE_URL=${libsql.url}`,
    `LINKKI_KEYS='${JSON.stringify(settings.keyMaterial)}'`,
    `PUBLIC_URL=${settings.config.publicUrl}`,
    // A development run: demo seller, development mail outbox (wrangler.toml says production).
    'NODE_ENV=development',
  ].join('\n') + '\n',
  { mode: 0o600 },
);

const wrangler = spawn(
  process.execPath,
  ['node_modules/wrangler/bin/wrangler.js', 'dev', '--port', String(settings.port), '--ip', '127.0.0.1'],
  {
    stdio: 'inherit',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  },
);
const stop = () => wrangler.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
wrangler.on('exit', async (code) => {
  await libsql.close();
  process.exit(code ?? 0);
});
