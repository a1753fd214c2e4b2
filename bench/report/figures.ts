// The figures of one `npm run bench`: the JSON lines its children printed (`{"bench", "metric",
// "value", …}` plus what names the case), and one line per child that bench/all.ts adds
// (`{"bench": "run", …}`: when it ran, the load average around it, Node, the commit).

export type Figure = { bench: string; metric: string; value: number; [key: string]: unknown };
export type RunLine = {
  bench: 'run';
  run: string;
  exit: number;
  startedAt: string;
  endedAt: string;
  /** One-minute load average before and after the child. */
  loadAverage: [number, number];
  node: string;
  commit: string;
};

/** Lines of stdout that are JSON objects; the rest (tables, progress) is not figures. */
export function jsonLines(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const value = JSON.parse(line);
      if (value && typeof value === 'object' && !Array.isArray(value)) out.push(value);
    } catch {
      // A table cell or a log line that happens to start with a brace.
    }
  }
  return out;
}

export class Figures {
  readonly runs = new Map<string, RunLine>();
  private readonly figures: Figure[] = [];

  constructor(lines: Record<string, unknown>[]) {
    for (const line of lines) {
      if (line.bench === 'run') this.runs.set(line.run as string, line as RunLine);
      else if (typeof line.bench === 'string' && typeof line.metric === 'string' && typeof line.value === 'number')
        this.figures.push(line as Figure);
    }
  }

  /** Figures whose fields equal every field of `match`, in the order they were printed. */
  all(match: Record<string, unknown>): Figure[] {
    return this.figures.filter((f) => Object.entries(match).every(([k, v]) => f[k] === v));
  }

  /** The one figure that matches; a missing one is an error naming what was looked for. */
  get(match: Record<string, unknown>): Figure {
    const found = this.all(match);
    if (found.length === 0) throw new Error(`no figure ${JSON.stringify(match)} in this run`);
    return found.at(-1)!;
  }

  value(match: Record<string, unknown>): number {
    return this.get(match).value;
  }

  /** Whether every named child ran to the end (exit 0) in this run. */
  ran(names: string[]): boolean {
    return names.every((name) => this.runs.get(name)?.exit === 0);
  }

  /** The line under a section's heading: when, how loaded the machine was, on what. */
  measured(names: string[]): string {
    const runs = names.map((name) => this.runs.get(name)!).toSorted((a, b) => a.startedAt.localeCompare(b.startedAt));
    const first = runs[0]!;
    const last = runs.at(-1)!;
    const when = first.startedAt.slice(0, 16).replace('T', ' ');
    const commits = [...new Set(runs.map((r) => r.commit))].map((c) => `\`${c}\``).join(', ');
    return (
      `Measured ${when} UTC by \`npm run bench\` (${names.join(', ')}): load average ${first.loadAverage[0].toFixed(1)} → ` +
      `${last.loadAverage[1].toFixed(1)}, Node ${first.node}, commit ${commits}.`
    );
  }
}

/** Whole numbers with digits grouped by spaces, as in the rest of BENCHMARKS.md. */
export function int(v: number): string {
  return fixed(v, 0);
}

export function fixed(v: number, digits = 1): string {
  const [whole, fraction] = v.toFixed(digits).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A target beside a figure. */
export function verdict(met: boolean): string {
  return met ? 'met' : '**not met**';
}

export const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
export const rule = (align: ('l' | 'r')[]) => row(align.map((a) => (a === 'r' ? '---:' : '---')));

/** A section of BENCHMARKS.md: the children it reads, and its Markdown from their figures. */
export type Section = { name: string; runs: string[]; render(f: Figures): string[] };

/** p50 / p99 of a case, in ms. */
export const ms = (f: Figures, match: Record<string, unknown>, digits = 1) =>
  `${fixed(f.value({ ...match, metric: 'p50Ms' }), digits)} / ${fixed(f.value({ ...match, metric: 'p99Ms' }), digits)}`;
export const fine = (f: Figures, match: Record<string, unknown>) => ms(f, match, 2);
export const unique = (values: unknown[]) => [...new Set(values)] as string[];
