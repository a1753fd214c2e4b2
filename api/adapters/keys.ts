// Encryption at rest (AES-256-GCM) and keyed hashing (HMAC-SHA-256) through WebCrypto, so
// the same code runs on Node and in workerd. Keys carry ids: a ciphertext names the key that
// made it, new data uses the first key, old keys stay for reading until re-encrypted.
import * as v from 'valibot';

export const KeyMaterial = v.object({
  /** First = current. Each key is 32 random bytes, base64. */
  encryptionKeys: v.pipe(v.array(v.object({ id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/)), key: v.string() })), v.minLength(1)),
  /** 32 random bytes, base64: keys the hashes of emails, phones and client addresses. */
  hashKey: v.string(),
});
export type KeyMaterial = v.InferOutput<typeof KeyMaterial>;

export type Keys = {
  encrypt(plaintext: string, context: string): Promise<string>;
  decrypt(ciphertext: string, context: string): Promise<string>;
  /** Keyed hash, hex; `purpose` separates uses so one hash never matches another's. */
  hash(purpose: string, value: string): Promise<string>;
};

const enc = new TextEncoder();
const dec = new TextDecoder();

export function generateKeyMaterial(id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): KeyMaterial {
  return { encryptionKeys: [{ id, key: toBase64(random(32)) }], hashKey: toBase64(random(32)) };
}

export async function createKeys(material: KeyMaterial): Promise<Keys> {
  const parsed = v.parse(KeyMaterial, material);
  const aes = new Map<string, CryptoKey>();
  for (const { id, key } of parsed.encryptionKeys) {
    const raw = fromBase64(key);
    if (raw.length !== 32) throw new Error(`Encryption key ${id} must be 32 bytes`);
    aes.set(id, await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
  }
  const hashRaw = fromBase64(parsed.hashKey);
  if (hashRaw.length < 32) throw new Error('Hash key must be at least 32 bytes');
  const hmac = await crypto.subtle.importKey('raw', hashRaw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const currentId = parsed.encryptionKeys[0]!.id;

  return {
    async encrypt(plaintext, context) {
      const iv = random(12);
      // The context (table, row id, field) is bound as associated data: a ciphertext copied
      // onto another row or field fails to decrypt.
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: enc.encode(context) },
        aes.get(currentId)!,
        enc.encode(plaintext),
      );
      return `v1.${currentId}.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
    },
    async decrypt(ciphertext, context) {
      const [version, id, iv, body] = ciphertext.split('.');
      const key = id ? aes.get(id) : undefined;
      if (version !== 'v1' || !key || !iv || !body) throw new Error('Unreadable ciphertext or unknown key id');
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(iv), additionalData: enc.encode(context) },
        key,
        fromBase64(body),
      );
      return dec.decode(plain);
    },
    async hash(purpose, value) {
      const mac = await crypto.subtle.sign('HMAC', hmac, enc.encode(`${purpose}\u0000${value}`));
      return toHex(new Uint8Array(mac));
    },
  };
}

export function random(bytes: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(bytes));
}

export async function sha256Hex(value: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(value))));
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
