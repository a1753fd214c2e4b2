// BENCHMARKS.md's generated tables sit between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`;
// everything outside the markers is written by hand and left byte for byte as it was.

const open = (name: string) => `<!-- bench:${name} -->`;
const close = (name: string) => `<!-- /bench:${name} -->`;

/** The section names marked in a document, in order. */
export function markedSections(doc: string): string[] {
  return [...doc.matchAll(/<!-- bench:([\w-]+) -->/g)].map((m) => m[1]!);
}

/**
 * Replaces what lies between each named section's markers with its new content. A section
 * whose markers are missing, doubled or out of order is an error that names it; nothing is
 * replaced then.
 */
export function replaceMarked(doc: string, sections: ReadonlyMap<string, string>): string {
  const spans = [...sections].map(([name, content]) => {
    const start = doc.indexOf(open(name));
    const end = doc.indexOf(close(name));
    if (start < 0 || end < 0) throw new Error(`BENCHMARKS.md has no ${open(name)} … ${close(name)} markers for section "${name}"`);
    if (doc.indexOf(open(name), start + 1) >= 0 || doc.indexOf(close(name), end + 1) >= 0)
      throw new Error(`BENCHMARKS.md marks section "${name}" more than once`);
    if (end < start) throw new Error(`BENCHMARKS.md closes section "${name}" before it opens it`);
    return { from: start + open(name).length, to: end, content: `\n\n${content.trim()}\n\n` };
  });
  spans.sort((a, b) => a.from - b.from);
  for (let i = 1; i < spans.length; i++)
    if (spans[i]!.from < spans[i - 1]!.to) throw new Error('BENCHMARKS.md has one bench section inside another');
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += doc.slice(at, span.from) + span.content;
    at = span.to;
  }
  return out + doc.slice(at);
}
