// What createApp needs from its runtime. Node, the Worker and every test build their own.
import type { Client } from '@libsql/client';
import type { Context, MiddlewareHandler } from 'hono';
import type { SharedCache } from './adapters/cache.ts';
import type { Clock } from './adapters/clock.ts';
import type { HitCounts } from './adapters/hit-counts.ts';
import type { Mailer } from './adapters/mailer.ts';
import type { Sms } from './adapters/sms.ts';
import type { Keys } from './adapters/keys.ts';
import { botCheck, counters, demoSeller, mail, rateLimits, type RateLimitRule } from './config.ts';
import type { Seller } from './contract/billing.ts';
import type { Database } from './db/client.ts';
import type { SessionUser } from './domain/session-user.ts';
import type { PendingSession } from './domain/sessions.ts';
import type { CounterBuffer } from './domain/counter-buffer.ts';

export type AppConfig = {
  /** Where customers and contractors reach us, e.g. https://linkki.fi (no trailing slash). */
  publicUrl: string;
  /** Header a trusted proxy puts the visitor's address in; unset = the runtime's own. */
  clientIpHeader?: string;
  /** How many proxies of ours append to a list header: the visitor is that many entries from the right. */
  trustedProxyHops: number;
  rateLimits: { intake: RateLimitRule; serverIntake: RateLimitRule; lookup: RateLimitRule; login: RateLimitRule };
  /** Seconds the widget's page-view ticks may wait in memory before one batch writes them (config.ts `counters`). */
  counterFlushSeconds: number;
  /** The proof of work's range of counters (config.ts `botCheck`). */
  powDifficulty: number;
  /** REQUIRE_CONFIRMED_CONTACT: a request is listed only once its contact is confirmed (config.ts `confirmation`). */
  requireConfirmedContact: boolean;
  /** Confirmations per partner per hour before they are recorded as capped (config.ts `mail`). */
  mailCaps: { confirmationsPerPartnerPerHour: number };
  production: boolean;
  /** The seller on invoices (SELLER_*); null in production until set, and no invoice is issued. */
  seller: Seller | null;
};

export type Deps = {
  db: Database;
  client: Client;
  clock: Clock;
  keys: Keys;
  config: AppConfig;
  /** Where the outbox's mail goes: SMTP, Brevo's API, the development outbox, or held (api/adapters/mailer.ts). */
  mailer: Mailer;
  /** Where the outbox's texts (SMS codes) go: 46elks, the development outbox, or held (api/adapters/sms.ts). */
  sms: Sms;
  /** What every visitor of a partner's page reads: memory on Node, the Cache API on the Worker (api/adapters/cache.ts). */
  cache: SharedCache;
  /** Where rate limits count: memory on Node (api/adapters/hit-counts.ts); unset = the database (the Worker). */
  hitCounts?: HitCounts;
  /** The widget's page-view ticks, summed per process or isolate (api/domain/counter-buffer.ts). */
  counters: CounterBuffer;
  /** The runtime's idea of the peer address (socket on Node); used when no header is set. */
  peerAddress?: (c: Context) => string | undefined;
  /** GET /healthz answers 200 only when this resolves true (api/domain/readiness.ts); unset = always ready. */
  ready?: () => Promise<boolean>;
};

export function defaultConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    publicUrl: 'http://localhost:8787',
    trustedProxyHops: 1,
    rateLimits: { intake: rateLimits.intake, serverIntake: rateLimits.serverIntake, lookup: rateLimits.lookup, login: rateLimits.login },
    mailCaps: { confirmationsPerPartnerPerHour: mail.confirmationsPerPartnerPerHour },
    counterFlushSeconds: counters.flushSeconds,
    powDifficulty: botCheck.difficulty,
    requireConfirmedContact: false,
    production: false,
    seller: { ...demoSeller },
    ...overrides,
  };
}

/** `pendingSession`: a cookie whose session a lazy `loadSession` has not read yet (api/http/auth.ts). */
export type AppEnv = { Variables: { deps: Deps; user?: SessionUser; pendingSession?: PendingSession } };

/**
 * The Worker's side of createApp: the app is built once per isolate, but each request opens its
 * own database client (workerd forbids one request's I/O objects in another), so `perRequest`
 * is the middleware that sets c.var.deps for the request and closes its client afterwards.
 */
export type IsolateDeps = { config: AppConfig; perRequest: MiddlewareHandler<AppEnv> };
