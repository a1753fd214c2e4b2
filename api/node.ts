// `npm start`: the embedded default. libSQL in a local file, migrations applied, the demo
// partner seeded on a local database, API + widget + pages on one port.
import { readNodeEnv } from './env.ts';
import { seedDemo, seedDemoRequests } from './domain/demo.ts';
import { demoContractor, ensureAdmin, seedDemoContractor } from './domain/bootstrap.ts';
import { startNodeServer } from './node-server.ts';
import { mailFromEnv, parseEnv } from './settings.ts';

try {
  const settings = readNodeEnv(process.env);
  const server = await startNodeServer({
    dbPath: settings.dbPath,
    keyMaterial: settings.keyMaterial,
    config: settings.config,
    port: settings.port,
    demoPage: !settings.production,
    jobsEveryMs: 15 * 60_000,
    mail: mailFromEnv(parseEnv(process.env)),
    mailPump: true,
  });
  if (settings.adminEmail && settings.adminPassword && await ensureAdmin(server.deps, settings.adminEmail, settings.adminPassword)) {
    console.log(`Created the first admin: ${settings.adminEmail}`);
  }
  if (!settings.production) {
    if (await seedDemoContractor(server.deps)) console.log('Seeded the demo contractor.');
    console.log(`  demo contractor: ${demoContractor.email} / ${demoContractor.password}  (${settings.config.publicUrl}/dashboard)`);
    const origin = new URL(settings.config.publicUrl).origin;
    const loopback = origin.replace('//localhost:', '//127.0.0.1:');
    if (await seedDemo(server.deps, [...new Set([origin, loopback])])) {
      console.log(`Seeded the demo partner (public key "demo") and ${await seedDemoRequests(server.deps)} demo requests.`);
    }
  }
  console.log(`Linkki is running on ${settings.config.publicUrl}`);
  console.log(`  database ${settings.dbPath}   keys ${settings.keySource}`);
  if (!settings.production) console.log(`  demo partner page  ${settings.config.publicUrl}/`);
  console.log(`  mail               ${server.deps.mailer.kind === 'dev' ? `development outbox, ${settings.config.publicUrl}/dev/outbox` : server.deps.mailer.kind}`);
  console.log(`  API description    ${settings.config.publicUrl}/v1/openapi.json`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
