// Fixed-window rate limits that hold across Worker isolates (the database is the shared state)
// and, on Node, in the one server process's memory (deps.hitCounts, api/adapters/hit-counts.ts).
// The bucket is HMAC(key, day's salt ‖ scope ‖ address): the address is never stored, and once
// a day's salt is deleted its buckets can't be linked to anyone (S8).
import type { RateLimitRule } from '../config.ts';
import { random, toBase64Url } from '../adapters/keys.ts';
import { integer, rowReader, text } from '../db/rows.ts';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';
import type { InStatement, ResultSet } from '@libsql/client';

const saltCache = new Map<string, string>();
const readSalt = rowReader({ salt: text });
const readHits = rowReader({ hits: integer });

async function saltOf(ctx: Pick<Ctx, 'client'>, day: string): Promise<string> {
  const cached = saltCache.get(day);
  if (cached) return cached;
  // Whoever inserts first wins; everyone then reads the same salt.
  const [, read] = await ctx.client.batch(
    [
      { sql: 'INSERT OR IGNORE INTO rate_limit_salts (day, salt) VALUES (?, ?)', args: [day, toBase64Url(random(32))] },
      { sql: 'SELECT salt FROM rate_limit_salts WHERE day = ?', args: [day] },
    ],
    'write',
  );
  const { salt } = readSalt(read!.rows[0]!);
  saltCache.clear();
  saltCache.set(day, salt);
  return salt;
}

/**
 * An address as a throttle may hold it: keyed and salted with the day's salt, like the rate
 * limits' buckets (S8). Other throttles (sign-in) combine it with what they count per.
 */
export async function addressKey(ctx: Pick<Ctx, 'client' | 'clock' | 'keys'>, address: string): Promise<string> {
  const salt = await saltOf(ctx, ctx.clock.now().toISOString().slice(0, 10));
  return ctx.keys.hash('rate-limit', `${salt}\u0000source\u0000${address}`);
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** 429 with Retry-After: the domain's error, mapped to HTTP in one place (api/http/errors.ts). */
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('rate_limited', { retryAfter: retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });

/**
 * `statement` null: already counted (in memory), `verdict()` is the answer. Otherwise the
 * statement goes into the caller's batch and `verdict(result)` reads its result.
 */
export type RateLimitStep = { statement: InStatement | null; verdict(result?: ResultSet): RateLimitResult };

/**
 * A rate limit as one statement for a batch that does more in the same round trip (intake
 * reads its Idempotency-Key's first answer beside it), or counted at once where the process
 * keeps the counts (Node).
 */
export async function rateLimitStep(
  ctx: Pick<Ctx, 'client' | 'clock' | 'keys' | 'hitCounts'>,
  scope: string,
  address: string,
  rule: RateLimitRule,
): Promise<RateLimitStep> {
  const now = ctx.clock.now().getTime();
  const salt = await saltOf(ctx, new Date(now).toISOString().slice(0, 10));
  const bucket = await ctx.keys.hash('rate-limit', `${salt}\u0000${scope}\u0000${address}`);
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const verdict = (hits: number): RateLimitResult =>
    hits <= rule.limit ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
  if (ctx.hitCounts) {
    const hits = ctx.hitCounts.hit(bucket, windowStart, windowMs);
    return { statement: null, verdict: () => verdict(hits) };
  }
  return {
    // One statement counts and reads: no read-then-write race between isolates.
    statement: {
      sql: `INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES (?, ?, 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = hits + 1
            RETURNING hits`,
      args: [bucket, windowStart],
    },
    verdict: (result) => verdict(readHits(result!.rows[0]!).hits),
  };
}

export async function hitRateLimit(
  ctx: Pick<Ctx, 'client' | 'clock' | 'keys' | 'hitCounts'>,
  scope: string,
  address: string,
  rule: RateLimitRule,
): Promise<RateLimitResult> {
  const step = await rateLimitStep(ctx, scope, address, rule);
  return step.verdict(step.statement ? await ctx.client.execute(step.statement) : undefined);
}
