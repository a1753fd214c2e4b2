// `node bench/profile-summary.ts <file.cpuprofile> [--top 25]`: where a `--cpu-prof` profile spent
// its time, by self time per function (file and line), and by where the code comes from (our
// code, each package, Node's internals, native calls and GC). `npm run bench:http -- --profile DIR`
// writes the server's profile and prints this.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

/** The package a script belongs to (`drizzle-orm`, `@libsql/client`), `ours`, `node:` or a VM entry such as `(garbage collector)`. */
function origin(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node:';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return pkg ? pkg[1]! : 'ours';
}

export function summarise(path: string, top = 25): string[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
  const busy = total - idle;
  const functions = new Map<string, number>();
  const origins = new Map<string, number>();
  for (const [id, t] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(api|bench|dashboard)\//, '$1/');
    const key = `${functionName || '(anonymous)'}  ${file}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + t);
    const o = origin(url, functionName);
    origins.set(o, (origins.get(o) ?? 0) + t);
  }
  const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return [
    `busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled (idle left out); self time, % of busy:`,
    ...sorted(functions)
      .slice(0, top)
      .map(([k, t]) => `${pct(t)}  ${k}`),
    'by origin:',
    ...sorted(origins).map(([k, t]) => `${pct(t)}  ${k}`),
  ];
}

if (import.meta.main) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  for (const file of positionals) console.log([file, ...summarise(file, Number(values.top))].join('\n'));
}
