// The environment, parsed once at each entry (Node, Worker) with one clear message when it is
// wrong. Runtime-free: the Node entry adds the local key file, the Worker reads secrets.
import * as v from 'valibot';
import { KeyMaterial } from './adapters/keys.ts';
import { rateLimits } from './config.ts';
import { defaultConfig, type AppConfig } from './deps.ts';

const int = (fallback: number) =>
  v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.minValue(1)), String(fallback));

export const EnvSchema = v.object({
  NODE_ENV: v.optional(v.string(), 'development'),
  PORT: int(8787),
  DATABASE_URL: v.optional(v.string(), 'data/linkki.db'),
  DATABASE_AUTH_TOKEN: v.optional(v.string()),
  PUBLIC_URL: v.optional(v.pipe(v.string(), v.url())),
  CLIENT_IP_HEADER: v.optional(v.pipe(v.string(), v.toLowerCase())),
  /** JSON: {"encryptionKeys":[{"id":"k1","key":"<base64 32 bytes>"}],"hashKey":"<base64 32 bytes>"} */
  LINKKI_KEYS: v.optional(v.string()),
  RATE_LIMIT_INTAKE: int(rateLimits.intake.limit),
  RATE_LIMIT_INTAKE_WINDOW: int(rateLimits.intake.windowSeconds),
  RATE_LIMIT_LOOKUP: int(rateLimits.lookup.limit),
  RATE_LIMIT_LOOKUP_WINDOW: int(rateLimits.lookup.windowSeconds),
  RATE_LIMIT_LOGIN: int(rateLimits.login.limit),
  RATE_LIMIT_LOGIN_WINDOW: int(rateLimits.login.windowSeconds),
  /** Node: smtp://user:pass@host:port or smtps://…; unset on a local start = the development outbox at /dev/outbox. */
  SMTP_URL: v.optional(v.pipe(v.string(), v.regex(/^smtps?:\/\//, 'smtp://user:pass@host:port or smtps://…'))),
  /** Brevo's API key (the Worker's mailer; Node uses it when SMTP_URL is unset). */
  MAIL_API_KEY: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Brevo's API base, https://api.brevo.com/v3 unless a test or a proxy says otherwise. */
  MAIL_API_URL: v.optional(v.pipe(v.string(), v.url())),
  /** The From of every mail, e.g. `Linkki <no-reply@linkki.fi>`; default no-reply@ the PUBLIC_URL host. */
  MAIL_FROM: v.optional(v.pipe(v.string(), v.trim(), v.minLength(3))),
  /** The first admin, created at start when there is none. */
  ADMIN_EMAIL: v.optional(v.pipe(v.string(), v.trim(), v.email())),
  ADMIN_PASSWORD: v.optional(v.pipe(v.string(), v.minLength(10))),
});
export type Env = v.InferOutput<typeof EnvSchema>;

export function parseEnv(env: Record<string, unknown>): Env {
  const strings = Object.fromEntries(Object.entries(env).filter(([, x]) => typeof x === 'string'));
  const parsed = v.safeParse(EnvSchema, strings);
  if (parsed.success) return parsed.output;
  const lines = parsed.issues.map((i) => `  ${v.getDotPath(i)}: ${i.message}`);
  throw new Error(`BAD_ENVIRONMENT\n${lines.join('\n')}`);
}

export function configFromEnv(e: Env, defaults: { clientIpHeader?: string } = {}): AppConfig {
  return defaultConfig({
    production: e.NODE_ENV === 'production',
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    clientIpHeader: e.CLIENT_IP_HEADER ?? defaults.clientIpHeader,
    rateLimits: {
      intake: { limit: e.RATE_LIMIT_INTAKE, windowSeconds: e.RATE_LIMIT_INTAKE_WINDOW },
      lookup: { limit: e.RATE_LIMIT_LOOKUP, windowSeconds: e.RATE_LIMIT_LOOKUP_WINDOW },
      login: { limit: e.RATE_LIMIT_LOGIN, windowSeconds: e.RATE_LIMIT_LOGIN_WINDOW },
    },
  });
}

export function keysFromEnv(raw: string): KeyMaterial {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('BAD_ENVIRONMENT\n  LINKKI_KEYS: not JSON (see README, "Keys")');
  }
  const parsed = v.safeParse(KeyMaterial, json);
  if (!parsed.success) throw new Error('BAD_ENVIRONMENT\n  LINKKI_KEYS: expected {"encryptionKeys":[{"id","key"}],"hashKey"}');
  return parsed.output;
}

export type MailSettings = { smtpUrl?: string; apiKey?: string; apiUrl?: string; from?: string };

export function mailFromEnv(e: Env): MailSettings {
  return { smtpUrl: e.SMTP_URL, apiKey: e.MAIL_API_KEY, apiUrl: e.MAIL_API_URL, from: e.MAIL_FROM };
}
