// Development stand-in for a libSQL server over a local file. Not for production.
//   node tools/libsql-server/cli.ts --db data/linkki.db [--port 8080] [--host 127.0.0.1] [--auth-token TOKEN]
// The token may also come from LIBSQL_AUTH_TOKEN. Prints the URL, runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startLibsqlServer } from './server.ts';

const usage = `Usage: node tools/libsql-server/cli.ts --db <file> [--port 8080] [--host 127.0.0.1] [--auth-token <token>]

A development stand-in for a libSQL server (sqld/Turso): Hrana over HTTP (JSON) for
@libsql/client/web, backed by a local SQLite/libSQL file. Not for production.`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'auth-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.db) {
  console.error(`--db is required\n\n${usage}`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}

const authToken = values['auth-token'] ?? process.env.LIBSQL_AUTH_TOKEN ?? undefined;
let server;
try {
  server = await startLibsqlServer({ dbPath: values.db, port, hostname: values.host, authToken: authToken || undefined });
} catch (e) {
  console.error(`libsql-server: cannot start: ${(e as Error).message}`);
  process.exit(1);
}
console.log(`libsql-server (development stand-in, not for production) serving ${server.dbPath}`);
console.log(server.url);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  server.close().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
