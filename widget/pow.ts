// The proof of work every request carries (api/domain/bot-check.ts, ALTCHA v2, SHA-256): a chunk
// of its own, loaded when the visitor starts typing, so the bytes before the form shows stay
// in budget. It hashes salt ‖ nonce ‖ counter through WebCrypto until the key starts with the
// challenge's prefix, a batch of digests at a time: each batch awaits the browser's crypto, so
// the page stays responsive while the visitor types. No worker: a cross-origin Worker cannot
// start on a partner's page and a blob: one would break the CSP.

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => (b < 16 ? '0' : '') + b.toString(16)).join('');
const bytesOf = (h: string) => Uint8Array.from(h.match(/../g)!, (b) => parseInt(b, 16));

/** The `altcha` field for a challenge from `url`, or undefined if it could not be had. */
export async function solve(url: string): Promise<string | undefined> {
  try {
    const challenge = await (await fetch(url, { credentials: 'omit', mode: 'cors' })).json();
    const { salt, nonce, keyPrefix } = challenge.parameters;
    const head = [...bytesOf(salt), ...bytesOf(nonce)];
    // A server's difficulty is at most 10 000 000 (POW_DIFFICULTY): past it, give up.
    for (let n = 0; n < 1e7; n += 50) {
      const keys = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const data = new Uint8Array([...head, 0, 0, 0, 0]);
          new DataView(data.buffer).setUint32(head.length, n + i);
          return crypto.subtle.digest('SHA-256', data);
        }),
      );
      for (let i = 0; i < 50; i++) {
        const key = hex(new Uint8Array(keys[i]!));
        if (key.startsWith(keyPrefix)) return btoa(JSON.stringify({ challenge, solution: { counter: n + i, derivedKey: key } }));
      }
    }
  } catch {}
}
