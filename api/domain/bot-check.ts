// Proof of work instead of a third-party bot check (issue 13): the ALTCHA protocol (v2,
// altcha-lib) with SHA-256 through WebCrypto, the same code on Node and in workerd. A challenge
// is signed, names its partner and its expiry (checked on our clock, not the library's
// Date.now(), so tests and the Worker agree), and a solution is good once: its nonce is written
// in the intake's own write batch (`spendProof`), so two requests with one solution cannot both
// land. No third party, nothing loaded from elsewhere: the widget's strict CSP holds.
import { type Challenge, createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import * as v from 'valibot';
import { botCheck } from '../config.ts';
import { fromBase64 } from '../adapters/keys.ts';
import type { Database } from '../db/client.ts';
import { botProofs } from '../db/schema/operations.ts';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';

/** Why a proof was refused, for the widget (a fresh challenge helps with `expired` and `used`). */
export type ProofRefusal = 'missing' | 'invalid' | 'expired' | 'used';

export const botCheckFailed = (reason: ProofRefusal) => new AppError('bot_check', { field: 'altcha', reason });

/**
 * The signing secret, derived from the key material: no separate secret to configure or rotate.
 * The same for the life of the keys, so derived once per keys object (it was the costliest
 * WebCrypto call of an intake and of a challenge).
 */
const secrets = new WeakMap<Ctx['keys'], string>();
async function secretOf(ctx: Pick<Ctx, 'keys'>): Promise<string> {
  // The string, not the promise: on the Worker a promise begun in one request must not be
  // awaited by another.
  let secret = secrets.get(ctx.keys);
  if (secret === undefined) {
    secret = await ctx.keys.hash('altcha', 'challenge signature v1');
    secrets.set(ctx.keys, secret);
  }
  return secret;
}

/** GET /v1/widget/challenge: a signed challenge for one partner's form, good for `botCheck.ttlSeconds`. */
export async function issueChallenge(ctx: Pick<Ctx, 'keys' | 'clock' | 'config'>, partnerKey: string): Promise<Challenge> {
  const expires = Math.floor(ctx.clock.now().getTime() / 1000) + botCheck.ttlSeconds;
  return createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    deriveKey,
    // Deterministic mode: the server draws the counter, the solver searches 0…difficulty for it.
    counter: randomInt(ctx.config.powDifficulty, 0),
    data: { partner: partnerKey, expires },
    hmacSignatureSecret: await secretOf(ctx),
  });
}

const Payload = v.object({
  challenge: v.object({
    parameters: v.looseObject({
      algorithm: v.literal('SHA-256'),
      nonce: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
      salt: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
      cost: v.literal(1),
      keyLength: v.literal(32),
      keyPrefix: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
      data: v.object({ partner: v.string(), expires: v.number() }),
    }),
    signature: v.string(),
  }),
  solution: v.object({ counter: v.number(), derivedKey: v.string() }),
});

/** A proof that passed: its nonce, to be spent in the request's own write. */
export type Proof = { nonce: string; expiresAt: number };

/**
 * Checks the `altcha` field of an intake for `partnerKey`: base64 of `{challenge, solution}` as
 * the widget sends it. Throws 422 `bot_check` (field `altcha`) when it is missing, malformed,
 * signed for another partner or by another key, wrong, or expired. Whether it was used before
 * is known only when it is spent (`spendProof`).
 */
export async function checkProof(ctx: Pick<Ctx, 'keys' | 'clock'>, partnerKey: string, altcha: string | undefined): Promise<Proof> {
  if (!altcha) throw botCheckFailed('missing');
  let decoded: unknown;
  try {
    decoded = JSON.parse(new TextDecoder().decode(fromBase64(altcha)));
  } catch {
    throw botCheckFailed('invalid');
  }
  const parsed = v.safeParse(Payload, decoded);
  if (!parsed.success) throw botCheckFailed('invalid');
  const { challenge, solution } = parsed.output;
  const { nonce, data } = challenge.parameters;
  if (data.partner !== partnerKey) throw botCheckFailed('invalid');
  const result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: await secretOf(ctx) });
  if (!result.verified) throw botCheckFailed('invalid');
  // After the signature: `expires` is what we signed, not what the client says.
  const expiresAt = data.expires * 1000;
  if (expiresAt <= ctx.clock.now().getTime()) throw botCheckFailed('expired');
  return { nonce, expiresAt };
}

/**
 * Remembers a proof as used, in the batch that stores the request: a plain INSERT, so a proof
 * used before (its nonce is the key) makes the batch fail and roll back whole. The proof is
 * spent only by a request that is stored.
 */
export function spendProof(db: Database, proof: Proof) {
  return db.insert(botProofs).values({ nonce: proof.nonce, expiresAt: proof.expiresAt });
}

/** The intake batch failed: 422 `bot_check` (used) if the proof's row was the conflict, else the error itself. */
export function refuseSpentProof(err: unknown): never {
  for (let e = err; e instanceof Error; e = e.cause) {
    if (e.message.includes('bot_proofs.nonce')) throw botCheckFailed('used');
  }
  throw err;
}
