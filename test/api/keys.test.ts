// Encryption at rest (S15's mechanism, used for contacts): AES-GCM with key ids and a bound context.
import { expect, test } from 'vitest';
import { createKeys, generateKeyMaterial } from '../../api/adapters/keys.ts';

test('round trip, and every ciphertext is different', async () => {
  const keys = await createKeys(generateKeyMaterial('k1'));
  const a = await keys.encrypt('matti@example.fi', 'request_contacts:1:email');
  const b = await keys.encrypt('matti@example.fi', 'request_contacts:1:email');
  expect(a).not.toBe(b);
  expect(a.startsWith('v1.k1.')).toBe(true);
  expect(await keys.decrypt(a, 'request_contacts:1:email')).toBe('matti@example.fi');
});

test('a ciphertext moved to another row or field does not decrypt', async () => {
  const keys = await createKeys(generateKeyMaterial('k1'));
  const a = await keys.encrypt('matti@example.fi', 'request_contacts:1:email');
  await expect(keys.decrypt(a, 'request_contacts:2:email')).rejects.toThrow();
  await expect(keys.decrypt(a, 'request_contacts:1:phone')).rejects.toThrow();
});

test('rotation: a new current key encrypts, the old one still decrypts', async () => {
  const old = generateKeyMaterial('k2025');
  const fresh = generateKeyMaterial('k2026');
  const before = await (await createKeys(old)).encrypt('secret', 'ctx');
  const rotated = await createKeys({ encryptionKeys: [...fresh.encryptionKeys, ...old.encryptionKeys], hashKey: old.hashKey });
  expect(await rotated.decrypt(before, 'ctx')).toBe('secret');
  expect((await rotated.encrypt('secret', 'ctx')).startsWith('v1.k2026.')).toBe(true);
  await expect((await createKeys(fresh)).decrypt(before, 'ctx')).rejects.toThrow(/unknown key id/);
});

test('keyed hashes depend on the key and the purpose', async () => {
  const k1 = await createKeys(generateKeyMaterial());
  const k2 = await createKeys(generateKeyMaterial());
  expect(await k1.hash('email', 'a@b.fi')).toBe(await k1.hash('email', 'a@b.fi'));
  expect(await k1.hash('email', 'a@b.fi')).not.toBe(await k2.hash('email', 'a@b.fi'));
  expect(await k1.hash('email', 'a@b.fi')).not.toBe(await k1.hash('phone', 'a@b.fi'));
});
