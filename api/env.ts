// The environment, parsed once at the Node entry with one clear message when it is wrong.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as v from 'valibot';
import { generateKeyMaterial, KeyMaterial } from './adapters/keys.ts';
import { rateLimits } from './config.ts';
import { defaultConfig, type AppConfig } from './deps.ts';

const int = (fallback: number) =>
  v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.minValue(1)), String(fallback));

export const NodeEnv = v.object({
  NODE_ENV: v.optional(v.string(), 'development'),
  PORT: int(8787),
  DATABASE_URL: v.optional(v.string(), 'data/linkki.db'),
  PUBLIC_URL: v.optional(v.pipe(v.string(), v.url())),
  CLIENT_IP_HEADER: v.optional(v.pipe(v.string(), v.toLowerCase())),
  /** JSON: {"encryptionKeys":[{"id":"k1","key":"<base64 32 bytes>"}],"hashKey":"<base64 32 bytes>"} */
  LINKKI_KEYS: v.optional(v.string()),
  RATE_LIMIT_INTAKE: int(rateLimits.intake.limit),
  RATE_LIMIT_INTAKE_WINDOW: int(rateLimits.intake.windowSeconds),
  RATE_LIMIT_LOOKUP: int(rateLimits.lookup.limit),
  RATE_LIMIT_LOOKUP_WINDOW: int(rateLimits.lookup.windowSeconds),
});

export type NodeSettings = {
  production: boolean;
  port: number;
  dbPath: string;
  config: AppConfig;
  keyMaterial: KeyMaterial;
  keySource: string;
};

export function readNodeEnv(env: Record<string, string | undefined>): NodeSettings {
  const parsed = v.safeParse(NodeEnv, env);
  if (!parsed.success) {
    const lines = parsed.issues.map((i) => `  ${v.getDotPath(i)}: ${i.message}`);
    throw new Error(`BAD_ENVIRONMENT\n${lines.join('\n')}`);
  }
  const e = parsed.output;
  const production = e.NODE_ENV === 'production';
  const dbPath = resolve(e.DATABASE_URL.replace(/^file:/, ''));
  const { keyMaterial, keySource } = loadKeys(e.LINKKI_KEYS, production, dirname(dbPath));
  return {
    production,
    port: e.PORT,
    dbPath,
    keyMaterial,
    keySource,
    config: defaultConfig({
      production,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      clientIpHeader: e.CLIENT_IP_HEADER,
      rateLimits: {
        intake: { limit: e.RATE_LIMIT_INTAKE, windowSeconds: e.RATE_LIMIT_INTAKE_WINDOW },
        lookup: { limit: e.RATE_LIMIT_LOOKUP, windowSeconds: e.RATE_LIMIT_LOOKUP_WINDOW },
      },
    }),
  };
}

function loadKeys(raw: string | undefined, production: boolean, dataDir: string) {
  if (raw) return { keyMaterial: v.parse(KeyMaterial, JSON.parse(raw)), keySource: 'LINKKI_KEYS' };
  if (production) throw new Error('BAD_ENVIRONMENT\n  LINKKI_KEYS is required when NODE_ENV=production (see README, "Keys").');
  // A local start generates its keys once, beside the database, and keeps them.
  const file = resolve(dataDir, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(generateKeyMaterial(), null, 2), { mode: 0o600 });
  }
  return { keyMaterial: v.parse(KeyMaterial, JSON.parse(readFileSync(file, 'utf8'))), keySource: file };
}
