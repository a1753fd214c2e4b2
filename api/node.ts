// `npm start`: the embedded default. libSQL in a local file, migrations applied, the first admin
// and (local starts) the demo data written before the server listens, API + widget + pages on
// one port.
import { readNodeEnv, startWarnings } from './environment-node.ts';
import { seedDemo, seedDemoRequests } from './domain/demo.ts';
import { demoContractor, disableDemo, seedDemoContractor } from './domain/bootstrap.ts';
import { startNodeServer } from './node-server.ts';
import type { Deps } from './deps.ts';

try {
  const settings = readNodeEnv(process.env);
  const log: string[] = [];
  const server = await startNodeServer({
    dbPath: settings.dbPath,
    dbThread: settings.dbThread,
    keyMaterial: settings.keyMaterial,
    config: settings.config,
    port: settings.port,
    hostname: settings.host,
    demoPage: !settings.production,
    jobsEveryMs: 15 * 60_000,
    mail: settings.mail,
    sms: settings.sms,
    mailPump: true,
    admin: settings.adminEmail && settings.adminPassword ? { email: settings.adminEmail, password: settings.adminPassword } : undefined,
    beforeListen: (deps) => (settings.production ? refuseDemo(deps, log) : seed(deps, log)),
  });
  if (server.adminCreated) console.log(`Created the first admin: ${settings.adminEmail}`);
  for (const line of log) console.log(line);
  console.log(`Linkki is running on ${settings.config.publicUrl}   (listening on ${settings.host}:${server.port})`);
  console.log(`  database ${settings.dbPath}   keys ${settings.keySource}`);
  if (!settings.production) console.log(`  demo partner page  ${settings.config.publicUrl}/`);
  console.log(
    `  mail               ${server.deps.mailer.kind === 'dev' ? `development outbox, ${settings.config.publicUrl}/dev/outbox (this machine or a signed-in admin only)` : server.deps.mailer.kind}`,
  );
  console.log(`  API description    ${settings.config.publicUrl}/v1/openapi.json`);
  for (const warning of startWarnings(settings)) console.warn(`\n!!! WARNING: ${warning}\n`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

async function seed(deps: Deps, log: string[]): Promise<void> {
  const settings = deps.config;
  if (await seedDemoContractor(deps)) log.push('Seeded the demo contractor.');
  log.push(`  demo contractor: ${demoContractor.email} / ${demoContractor.password}  (${settings.publicUrl}/dashboard)`);
  const origin = new URL(settings.publicUrl).origin;
  const loopback = origin.replace('//localhost:', '//127.0.0.1:');
  if (await seedDemo(deps, [...new Set([origin, loopback])])) {
    log.push(`Seeded the demo partner (public key "demo") and ${await seedDemoRequests(deps)} demo requests.`);
  }
}

async function refuseDemo(deps: Deps, log: string[]): Promise<void> {
  for (const what of await disableDemo(deps))
    log.push(`NODE_ENV=production: deactivated ${what} (seeded by an earlier development start).`);
}
