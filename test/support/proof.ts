// The proof of work a browser's request carries (api/domain/bot-check.ts), solved here as the
// widget solves it: GET the partner's challenge, find the counter, send base64 of
// {challenge, solution}. Test servers use a small difficulty (test/support/server.ts); the
// widget's own solver runs in Chromium (test/widget/bot-check.test.ts).
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

export async function challengeFor(url: string, partnerKey: string) {
  const res = await fetch(`${url}/v1/widget/challenge?partner=${encodeURIComponent(partnerKey)}`);
  if (res.status !== 200) throw new Error(`no challenge for ${partnerKey}: ${res.status}`);
  return res.json();
}

/** A challenge and its solution as the `altcha` field carries them. */
export function altchaField(challenge: unknown, solution: { counter: number; derivedKey: string }): string {
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

export async function solve(challenge: Parameters<typeof solveChallenge>[0]['challenge']) {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('challenge not solved');
  return { counter: solution.counter, derivedKey: solution.derivedKey };
}

/** A fresh, solved proof for one request to this partner. */
export async function proofFor(url: string, partnerKey: string): Promise<string> {
  const challenge = await challengeFor(url, partnerKey);
  return altchaField(challenge, await solve(challenge));
}
