// Idempotency-Key, as the IETF draft (draft-ietf-httpapi-idempotency-key-header) has it: the key
// is stored with a fingerprint of the request it was first sent with. The same key with the same
// request gets the first answer; with another request, 422 idempotency_key_reused and nothing
// changes. Before this, a key sent again with any body got the first answer, manage token
// included, so whoever knew (or guessed) a key got the first customer's secret (issue 10).
//
// Both keyed verbs, intake (submit-request.ts) and purchases (buy-lead.ts), store and replay
// through this module; each decides what its fingerprint covers and what a mismatch means.
import type { InStatement, InValue, ResultSet } from '@libsql/client';
import { rowReader, text, textOrNull } from '../db/rows.ts';
import { and, eq, lte } from 'drizzle-orm';
import { sha256Hex } from '../adapters/keys.ts';
import { intake } from '../config.ts';
import type { Database } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema/operations.ts';
import type { Ctx } from './context.ts';
import { AppError, issue } from './errors.ts';

/** JSON with object keys sorted at every level: one request, one text, however it was written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the canonical form: stored beside the key, compared when the key comes again. */
export const fingerprintOf = (value: unknown) => sha256Hex(canonicalJson(value));

/** The same key, another request. Names the header like a validation issue, so clients can show it. */
export const keyReused = () => new AppError('idempotency_key_reused', { issues: [issue('Idempotency-Key', 'idempotency_key_reused')] });

/** The key itself is never stored, only its hash. */
export const keyHashOf = async (key: string | undefined) => (key ? sha256Hex(key) : null);

/** A first answer ready to store: encrypted for its scope and key, kept intake.idempotencyHours. */
export type StoredAnswer = { scope: string; keyHash: string; fingerprint: string; responseEnc: string; expiresAt: number };

/** The associated data of a stored answer: it opens only for the scope and key it was stored under. */
const answerContext = (scope: string, keyHash: string) => `idempotency:${scope}:${keyHash}`;

export async function sealAnswer(
  ctx: Pick<Ctx, 'keys'>,
  key: { scope: string; keyHash: string; fingerprint: string },
  answer: unknown,
  now: number,
): Promise<StoredAnswer> {
  return {
    ...key,
    responseEnc: await ctx.keys.encrypt(JSON.stringify(answer), answerContext(key.scope, key.keyHash)),
    expiresAt: now + intake.idempotencyHours * 3600_000,
  };
}

/**
 * The statements that store an answer, for the write batch of the change it answers. The insert
 * has no OR IGNORE: a concurrent twin with the same key that stored its answer first fails the
 * whole batch, which then replays the twin's answer. An expired record with the same key must
 * not block a new one, so it is deleted first in the same batch.
 */
export function storeAnswer(db: Database, a: StoredAnswer, now: number) {
  return [
    db
      .delete(idempotencyKeys)
      .where(
        and(eq(idempotencyKeys.scope, a.scope), eq(idempotencyKeys.keyHash, a.keyHash), lte(idempotencyKeys.expiresAt, new Date(now))),
      ),
    db.insert(idempotencyKeys).values({
      scope: a.scope,
      keyHash: a.keyHash,
      status: 201,
      fingerprint: a.fingerprint,
      responseEnc: a.responseEnc,
      expiresAt: new Date(a.expiresAt),
    }),
  ] as const;
}

/**
 * The same two statements as raw SQL, for a raw write batch whose insert must depend on an
 * earlier statement of the batch (`when`: a purchase is remembered only if it was made).
 */
export function storeAnswerWhen(a: StoredAnswer, now: number, when: { sql: string; args: Record<string, InValue> }) {
  return {
    clearExpired: {
      sql: 'DELETE FROM idempotency_keys WHERE scope = :scope AND key_hash = :key AND expires_at <= :now',
      args: { scope: a.scope, key: a.keyHash, now },
    },
    insert: {
      sql: `INSERT INTO idempotency_keys (scope, key_hash, status, fingerprint, response_enc, expires_at)
            SELECT :scope, :key, 201, :fingerprint, :response, :expires WHERE ${when.sql}`,
      args: { scope: a.scope, key: a.keyHash, fingerprint: a.fingerprint, response: a.responseEnc, expires: a.expiresAt, ...when.args },
    },
  };
}

/** What a first answer gives a caller: the fingerprint it was stored with (NULL before fingerprints), and `open` to decrypt it once the caller decided it may be replayed. */
export type FoundAnswer<T> = { fingerprint: string | null; open: () => Promise<T> };

const readAnswer = rowReader({ fingerprint: textOrNull, response_enc: text });

/** The unexpired first answer under this key, as one statement for a caller's read batch; `answerFrom` reads its result. */
export const answerStatement = (scope: string, keyHash: string, now: number): InStatement => ({
  sql: 'SELECT fingerprint, response_enc FROM idempotency_keys WHERE scope = ? AND key_hash = ? AND expires_at > ?',
  args: [scope, keyHash, now],
});

export function answerFrom<T>(ctx: Pick<Ctx, 'keys'>, scope: string, keyHash: string, result: ResultSet): FoundAnswer<T> | null {
  const row = result.rows[0];
  if (!row) return null;
  const { fingerprint, response_enc } = readAnswer(row);
  return {
    fingerprint,
    open: async () => JSON.parse(await ctx.keys.decrypt(response_enc, answerContext(scope, keyHash))) as T,
  };
}

/** The unexpired first answer stored under this key (its own round trip). */
export async function findAnswer<T>(
  ctx: Pick<Ctx, 'client' | 'keys'>,
  scope: string,
  keyHash: string,
  now: number,
): Promise<FoundAnswer<T> | null> {
  return answerFrom<T>(ctx, scope, keyHash, await ctx.client.execute(answerStatement(scope, keyHash, now)));
}
