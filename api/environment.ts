// The environment: every value either entry reads, parsed by one valibot schema (with a Node and a
// Worker variant) into one clear BAD_ENVIRONMENT message. Runtime-free: the Node entry adds its
// local key file (environment-node.ts), the Worker reads secrets.
import * as v from 'valibot';
import { KeyMaterial } from './adapters/keys.ts';
import type { MailSettings } from './adapters/mailer-choice.ts';
import type { SmsSettings } from './adapters/sms-choice.ts';
import { botCheck, counters, demoSeller, mail, rateLimits } from './config.ts';
import { isIban } from './contract/billing.ts';
import { isBusinessId } from './contract/business-id.ts';
import { defaultConfig, type AppConfig } from './deps.ts';

const int = (fallback: number) => v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.minValue(1)), String(fallback));

/** LINKKI_KEYS (or Node's local key file): JSON key material, checked whole with one message. */
const KeysJson = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    let json: unknown;
    try {
      json = JSON.parse(dataset.value);
    } catch {
      addIssue({ message: 'not JSON (see README, "Keys")' });
      return NEVER;
    }
    const parsed = v.safeParse(KeyMaterial, json);
    if (parsed.success) return parsed.output;
    addIssue({ message: 'expected {"encryptionKeys":[{"id","key"}],"hashKey"}' });
    return NEVER;
  }),
);

export const EnvSchema = v.object({
  NODE_ENV: v.optional(v.string(), 'development'),
  PORT: int(8787),
  /** Node: the bind address; unset = 127.0.0.1, or 0.0.0.0 when NODE_ENV=production. */
  HOST: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  DATABASE_URL: v.optional(v.string(), 'data/linkki.db'),
  DATABASE_AUTH_TOKEN: v.optional(v.string()),
  PUBLIC_URL: v.optional(v.pipe(v.string(), v.url())),
  CLIENT_IP_HEADER: v.optional(v.pipe(v.string(), v.toLowerCase())),
  /** Proxies of ours in front that append to CLIENT_IP_HEADER: the visitor is that many entries from the right. */
  TRUSTED_PROXY_HOPS: int(1),
  /** JSON: {"encryptionKeys":[{"id":"k1","key":"<base64 32 bytes>"}],"hashKey":"<base64 32 bytes>"} */
  LINKKI_KEYS: v.optional(KeysJson),
  RATE_LIMIT_INTAKE: int(rateLimits.intake.limit),
  RATE_LIMIT_INTAKE_WINDOW: int(rateLimits.intake.windowSeconds),
  RATE_LIMIT_SERVER_INTAKE: int(rateLimits.serverIntake.limit),
  RATE_LIMIT_SERVER_INTAKE_WINDOW: int(rateLimits.serverIntake.windowSeconds),
  RATE_LIMIT_LOOKUP: int(rateLimits.lookup.limit),
  RATE_LIMIT_LOOKUP_WINDOW: int(rateLimits.lookup.windowSeconds),
  RATE_LIMIT_LOGIN: int(rateLimits.login.limit),
  RATE_LIMIT_LOGIN_WINDOW: int(rateLimits.login.windowSeconds),
  /** Request confirmations one partner's form may cause per hour; more are recorded as capped, not sent. */
  MAIL_CAP_PARTNER_HOURLY: int(mail.confirmationsPerPartnerPerHour),
  /** Seconds the widget's page-view ticks wait in memory before one batch writes them; 0 = each at once. */
  COUNTER_FLUSH_SECONDS: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.maxValue(3600)),
    String(counters.flushSeconds),
  ),
  /** The proof of work's range of counters: the widget hashes half of it on average (config.ts `botCheck`). */
  POW_DIFFICULTY: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.minValue(1), v.maxValue(10_000_000)),
    String(botCheck.difficulty),
  ),
  /** Node: smtp://user:pass@host:port or smtps://…; unset on a local start = the development outbox at /dev/outbox. */
  SMTP_URL: v.optional(v.pipe(v.string(), v.regex(/^smtps?:\/\//, 'smtp://user:pass@host:port or smtps://…'))),
  /** Brevo's API key (the Worker's mailer; Node uses it when SMTP_URL is unset). */
  MAIL_API_KEY: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Brevo's API base, https://api.brevo.com/v3 unless a test or a proxy says otherwise. */
  MAIL_API_URL: v.optional(v.pipe(v.string(), v.url())),
  /** The From of every mail, e.g. `Linkki <no-reply@linkki.fi>`; default no-reply@ the PUBLIC_URL host. */
  MAIL_FROM: v.optional(v.pipe(v.string(), v.trim(), v.minLength(3))),
  /** 46elks' API user and password (README, "SMS"): codes for customers who gave only a phone. Unset on a local start = the development outbox. */
  SMS_API_USERNAME: v.optional(v.pipe(v.string(), v.minLength(1))),
  SMS_API_PASSWORD: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** 46elks' API base, https://api.46elks.com/a1 unless a test or a proxy says otherwise. */
  SMS_API_URL: v.optional(v.pipe(v.string(), v.url())),
  /** The SMS sender: 3–11 letters and digits (starting with a letter) or a number in +358… form; default Linkki. */
  SMS_FROM: v.optional(v.pipe(v.string(), v.trim(), v.minLength(3))),
  /** `true`: a request is listed only once its e-mail or phone is confirmed; unconfirmed ones are deleted after 48 h. */
  REQUIRE_CONFIRMED_CONTACT: v.optional(v.picklist(['true', 'false']), 'false'),
  /** Worker: send new mail right after the request that wrote it (waitUntil); `false` leaves it to the cron. */
  MAIL_DRAIN_AFTER_WRITE: v.optional(v.picklist(['true', 'false']), 'true'),
  /** The first admin, created at start when there is none. */
  ADMIN_EMAIL: v.optional(v.pipe(v.string(), v.trim(), v.email())),
  ADMIN_PASSWORD: v.optional(v.pipe(v.string(), v.minLength(10))),
  /** The seller on invoices. Unset on a local start: a demo seller; unset in production: no invoices are issued. */
  SELLER_NAME: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))),
  SELLER_BUSINESS_ID: v.optional(v.pipe(v.string(), v.trim(), v.check(isBusinessId, 'a Y-tunnus like 1234567-1 with its check digit'))),
  SELLER_STREET: v.optional(v.string(), ''),
  SELLER_POSTAL_CODE: v.optional(v.pipe(v.string(), v.regex(/^\d{5}$/, 'five digits')), '00100'),
  SELLER_TOWN: v.optional(v.string(), ''),
  SELLER_IBAN: v.optional(
    v.pipe(
      v.string(),
      v.transform((x) => x.replace(/\s/g, '').toUpperCase()),
      v.regex(/^FI\d{16}$/, 'a Finnish IBAN, FI + 16 digits'),
      v.check(isIban, "the IBAN's check digits do not match"),
    ),
  ),
  SELLER_BIC: v.optional(v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'a BIC'))),
  SELLER_EMAIL: v.optional(v.pipe(v.string(), v.trim(), v.email())),
  SELLER_EINVOICE_ADDRESS: v.optional(v.pipe(v.string(), v.trim(), v.toUpperCase())),
  SELLER_EINVOICE_OPERATOR: v.optional(v.pipe(v.string(), v.trim(), v.toUpperCase())),
});
export type Env = v.InferOutput<typeof EnvSchema>;

/** Node: the database is a local libSQL file. */
export const NodeEnvSchema = v.object({
  ...EnvSchema.entries,
  DATABASE_URL: v.optional(
    v.pipe(
      v.string(),
      v.check(
        (url) => !/^(libsql|https?|wss?):/.test(url),
        'the Node server uses a local libSQL file; remote libSQL is for the Worker (README, "Deployment")',
      ),
    ),
    'data/linkki.db',
  ),
  /**
   * Where the file's SQL runs: `worker` (a thread of its own, api/db/thread-client.ts) or `main`
   * (the event loop, as before; kept to measure one against the other, bench/list.ts).
   */
  DATABASE_THREAD: v.optional(v.picklist(['worker', 'main']), 'worker'),
});

type TestClockBinding = { fetch(url: string): Promise<Response> };
const TestClockBinding = v.custom<TestClockBinding>((x) => typeof (x as { fetch?: unknown })?.fetch === 'function');

/** What to say of a required Worker secret that is unset (valibot's own message names only the key). */
const workerUnset = {
  DATABASE_URL: 'a libsql:// or https:// URL',
  LINKKI_KEYS: 'set it with `wrangler secret put LINKKI_KEYS`',
};

/** The Worker: a remote database, keys as a secret, and the test clock binding only outside production. */
export const WorkerEnvSchema = v.pipe(
  v.object(
    {
      ...EnvSchema.entries,
      DATABASE_URL: v.pipe(v.string(), v.regex(/^(libsql|https?):/, workerUnset.DATABASE_URL)),
      LINKKI_KEYS: KeysJson,
      /** Tests only: a service binding that answers the test's clock in epoch ms (api/worker.ts). */
      LINKKI_TEST_CLOCK: v.optional(TestClockBinding),
    },
    (issue) => workerUnset[String(issue.path?.[0]?.key) as keyof typeof workerUnset] ?? issue.message,
  ),
  v.forward(
    v.check((e) => !(e.LINKKI_TEST_CLOCK && e.NODE_ENV === 'production'), 'a test binding, refused in production'),
    ['LINKKI_TEST_CLOCK'],
  ),
);
export type WorkerEnv = v.InferOutput<typeof WorkerEnvSchema>;

/** The string values of the environment (a Worker's also holds bindings), by the shared schema. */
export const parseEnv = (env: Record<string, unknown>): Env => parseWith(EnvSchema, strings(env));
export const parseNodeEnv = (env: Record<string, unknown>) => parseWith(NodeEnvSchema, strings(env));
export const parseWorkerEnv = (env: Record<string, unknown>): WorkerEnv =>
  parseWith(WorkerEnvSchema, { ...strings(env), LINKKI_TEST_CLOCK: env.LINKKI_TEST_CLOCK });

/** Node's local key file, read with the same rule and message as LINKKI_KEYS. */
export const keysFromJson = (raw: string): KeyMaterial => parseWith(v.object({ LINKKI_KEYS: KeysJson }), { LINKKI_KEYS: raw }).LINKKI_KEYS;

function strings(env: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function parseWith<S extends v.GenericSchema>(schema: S, values: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, values);
  if (parsed.success) return parsed.output;
  const lines = parsed.issues.map((i) => `  ${v.getDotPath(i)}: ${i.message}`);
  throw new Error(`BAD_ENVIRONMENT\n${lines.join('\n')}`);
}

/** The seller from SELLER_*; name, business ID, IBAN and BIC come together or not at all. */
function sellerFromEnv(e: Env): AppConfig['seller'] {
  const named = [e.SELLER_NAME, e.SELLER_BUSINESS_ID, e.SELLER_IBAN, e.SELLER_BIC];
  if (named.every((x) => x === undefined)) return e.NODE_ENV === 'production' ? null : { ...demoSeller };
  if (named.some((x) => x === undefined)) {
    throw new Error('BAD_ENVIRONMENT\n  SELLER_NAME, SELLER_BUSINESS_ID, SELLER_IBAN and SELLER_BIC: set all four (README, "Billing")');
  }
  return {
    name: e.SELLER_NAME!,
    businessId: e.SELLER_BUSINESS_ID!,
    vatId: `FI${e.SELLER_BUSINESS_ID!.replace('-', '')}`,
    street: e.SELLER_STREET,
    postalCode: e.SELLER_POSTAL_CODE,
    town: e.SELLER_TOWN,
    iban: e.SELLER_IBAN!,
    bic: e.SELLER_BIC!,
    email: e.SELLER_EMAIL ?? '',
    einvoiceAddress: e.SELLER_EINVOICE_ADDRESS ?? null,
    einvoiceOperator: e.SELLER_EINVOICE_OPERATOR ?? null,
  };
}

export function configFromEnv(e: Env, defaults: { clientIpHeader?: string } = {}): AppConfig {
  return defaultConfig({
    seller: sellerFromEnv(e),
    production: e.NODE_ENV === 'production',
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    clientIpHeader: e.CLIENT_IP_HEADER ?? defaults.clientIpHeader,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    rateLimits: {
      intake: { limit: e.RATE_LIMIT_INTAKE, windowSeconds: e.RATE_LIMIT_INTAKE_WINDOW },
      serverIntake: { limit: e.RATE_LIMIT_SERVER_INTAKE, windowSeconds: e.RATE_LIMIT_SERVER_INTAKE_WINDOW },
      lookup: { limit: e.RATE_LIMIT_LOOKUP, windowSeconds: e.RATE_LIMIT_LOOKUP_WINDOW },
      login: { limit: e.RATE_LIMIT_LOGIN, windowSeconds: e.RATE_LIMIT_LOGIN_WINDOW },
    },
    mailCaps: { confirmationsPerPartnerPerHour: e.MAIL_CAP_PARTNER_HOURLY },
    counterFlushSeconds: e.COUNTER_FLUSH_SECONDS,
    powDifficulty: e.POW_DIFFICULTY,
    requireConfirmedContact: e.REQUIRE_CONFIRMED_CONTACT === 'true',
  });
}

export function smsFromEnv(e: Env): SmsSettings {
  return { username: e.SMS_API_USERNAME, password: e.SMS_API_PASSWORD, apiUrl: e.SMS_API_URL, from: e.SMS_FROM };
}

export function mailFromEnv(e: Env): MailSettings {
  return { smtpUrl: e.SMTP_URL, apiKey: e.MAIL_API_KEY, apiUrl: e.MAIL_API_URL, from: e.MAIL_FROM };
}
