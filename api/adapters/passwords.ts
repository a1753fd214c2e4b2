// Password hashes that verify the same on Node and in workerd (WebCrypto PBKDF2).
// Format: pbkdf2-sha256$<rounds>$<iterations per round>$<salt b64>$<hash b64>. The parameters
// travel in the string, so raising them later still verifies old hashes (and can rehash at login).
import { passwordHashing } from '../config.ts';
import { fromBase64, toBase64 } from './keys.ts';

const enc = new TextEncoder();
type Params = { rounds: number; iterationsPerRound: number; saltBytes: number; hashBytes: number };

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, p: Params): Promise<Uint8Array<ArrayBuffer>> {
  let material: Uint8Array<ArrayBuffer> = enc.encode(password.normalize('NFC'));
  for (let round = 0; round < p.rounds; round++) {
    // Workers allow at most 100 000 iterations per call: chain calls, each keyed by the last.
    const key = await crypto.subtle.importKey('raw', material, 'PBKDF2', false, ['deriveBits']);
    const roundSalt = new Uint8Array(salt.length + 1);
    roundSalt.set(salt);
    roundSalt[salt.length] = round;
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: roundSalt, iterations: p.iterationsPerRound },
      key,
      p.hashBytes * 8,
    );
    material = new Uint8Array(bits);
  }
  return material;
}

export async function hashPassword(password: string, p: Params = passwordHashing): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(p.saltBytes));
  const hash = await derive(password, salt, p);
  return ['pbkdf2-sha256', p.rounds, p.iterationsPerRound, toBase64(salt), toBase64(hash)].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, rounds, iterations, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !salt || !hash) return false;
  const expected = fromBase64(hash);
  const actual = await derive(password, fromBase64(salt), {
    rounds: Number(rounds),
    iterationsPerRound: Number(iterations),
    saltBytes: 0,
    hashBytes: expected.length,
  });
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ actual[i]!;
  return diff === 0 && actual.length === expected.length;
}

/** A hash to verify against when the email is unknown, so both failures cost the same time. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword(crypto.randomUUID()));
}
