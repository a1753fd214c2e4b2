// Node entry's settings: the environment parsed by its Node schema (environment.ts) plus the
// local key file. A local start generates its keys once into data/ and keeps them; production
// must bring its own.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generateKeyMaterial, type KeyMaterial } from './adapters/keys.ts';
import type { MailSettings } from './adapters/mailer-choice.ts';
import type { SmsSettings } from './adapters/sms-choice.ts';
import type { AppConfig } from './deps.ts';
import { configFromEnv, keysFromJson, mailFromEnv, parseNodeEnv, smsFromEnv } from './environment.ts';

export type NodeSettings = {
  production: boolean;
  port: number;
  /** Bind address: loopback unless production or HOST says otherwise (a development start has demo logins). */
  host: string;
  dbPath: string;
  /** DATABASE_THREAD: the thread the file's statements run on (api/node-server.ts). */
  dbThread: 'worker' | 'main';
  config: AppConfig;
  keyMaterial: KeyMaterial;
  keySource: string;
  mail: MailSettings;
  sms: SmsSettings;
  adminEmail?: string;
  adminPassword?: string;
};

export function readNodeEnv(env: Record<string, string | undefined>): NodeSettings {
  const e = parseNodeEnv(env);
  const production = e.NODE_ENV === 'production';
  const dbPath = resolve(e.DATABASE_URL.replace(/^file:/, ''));
  const { keyMaterial, keySource } = loadKeys(e.LINKKI_KEYS, production, dirname(dbPath));
  return {
    production,
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    dbPath,
    dbThread: e.DATABASE_THREAD,
    keyMaterial,
    keySource,
    config: configFromEnv(e),
    mail: mailFromEnv(e),
    sms: smsFromEnv(e),
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
  };
}

function loadKeys(fromEnv: KeyMaterial | undefined, production: boolean, dataDir: string) {
  if (fromEnv) return { keyMaterial: fromEnv, keySource: 'LINKKI_KEYS' };
  if (production) throw new Error('BAD_ENVIRONMENT\n  LINKKI_KEYS is required when NODE_ENV=production (see README, "Keys").');
  const file = resolve(dataDir, 'keys.json');
  // The keys decrypt every contact detail: owner-only, and a file left readable is tightened.
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(generateKeyMaterial(), null, 2), { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return { keyMaterial: keysFromJson(readFileSync(file, 'utf8')), keySource: file };
}

const loopbackHost = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/;

/**
 * What a development start must shout about: it has a demo contractor with a published password
 * and the outbox page, fine on a laptop, a hole on a reachable host.
 */
export function startWarnings(s: Pick<NodeSettings, 'production' | 'host' | 'config'>): string[] {
  if (s.production) return [];
  const warnings: string[] = [];
  const publicHost = new URL(s.config.publicUrl).hostname;
  if (!loopbackHost.test(publicHost)) {
    warnings.push(
      `PUBLIC_URL is ${s.config.publicUrl}, but NODE_ENV is not production: this start seeds a demo contractor whose password is published, and mail goes to the development outbox. Set NODE_ENV=production on any reachable host.`,
    );
  }
  if (!loopbackHost.test(s.host)) {
    warnings.push(`HOST is ${s.host}: the development start is reachable from other machines.`);
  }
  return warnings;
}
