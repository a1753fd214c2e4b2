// BENCHMARKS.md's list section: bench/list.ts at 100 000 open requests, against issue 12's target.
import { listFilters, listPages, listQuery } from '../cases.ts';
import { type Figures, fine, fixed, int, ms, row, rule, type Section, verdict } from './figures.ts';

/** The list's target: p99 under 20 ms with 100 000 open requests. */
export const listP99Ms = 20;

/** The figure names bench/list.ts gives a filter and page: `GET /v1/leads?region=01 page 6`. */
const listCase = (what: string, filter: (typeof listFilters)[number][1], page: string) => `${what}${listQuery(filter)} ${page}`;

/** Every cell's `GET /v1/leads` p99, against the target. */
export function listCells(f: Figures) {
  const p99s = listFilters.flatMap(([, filter]) =>
    listPages.map((page) => f.value({ bench: 'list', case: listCase('GET /v1/leads', filter, page), metric: 'p99Ms' })),
  );
  const over = p99s.filter((p) => p >= listP99Ms).length;
  return { worst: Math.max(...p99s), over, cells: p99s.length, met: over === 0 };
}

export const list: Section = {
  name: 'list',
  runs: ['list'],
  render(f) {
    const list = { bench: 'list' };
    const cells = listCells(f);
    const gc = (c: string) => fixed(f.value({ ...list, case: c, metric: 'serverGcLongestMs' }));
    const config = (c: string) => ({ ...list, case: `GET /v1/widget/config ${c}` });
    const delay = (c: string) => {
      const loop = { ...list, case: `GET /v1/widget/config ${c}: server event-loop delay` };
      return `${fixed(f.value({ ...loop, metric: 'p99Ms' }))} / ${fixed(f.value({ ...loop, metric: 'maxMs' }))}`;
    };
    const ratio = (metric: string) => `${fixed(f.value({ ...list, case: 'GET /v1/widget/config beside / alone', metric }))}×`;
    const loops = { ...list, case: 'GET /v1/leads in the 2 loops' };
    const purge = { ...list, case: 'purge beside config' };
    const first = (what: string) => ({ ...list, case: `${what} first` });
    return [
      `${int(f.value({ ...list, case: 'seed', metric: 'openRequests' }))} open requests, ` +
        `${f.value({ ...list, case: 'seed', metric: 'requestsPerCell' })} requests per cell, one at a time. Target: ` +
        `\`GET /v1/leads\` under ${listP99Ms} ms at p99 in every cell: ${verdict(cells.met)} (${cells.over} of ${cells.cells} cells over).`,
      '',
      row([
        'filter',
        'page',
        '`GET /v1/leads` p50 / p99 ms',
        `p99 < ${listP99Ms} ms`,
        '`GET /dashboard` p50 / p99 ms',
        'statement alone p50 / p99 ms',
        "server's longest GC pause, API / dashboard ms",
      ]),
      rule(['l', 'l', 'r', 'l', 'r', 'r', 'r']),
      ...listFilters.flatMap(([name, filter]) =>
        listPages.map((page) => {
          const api = { ...list, case: listCase('GET /v1/leads', filter, page) };
          const dashboard = { ...list, case: listCase('GET /dashboard', filter, page) };
          return row([
            name,
            page,
            ms(f, api),
            f.value({ ...api, metric: 'p99Ms' }) < listP99Ms ? 'yes' : '**no**',
            ms(f, dashboard),
            fine(f, { ...list, case: listCase('leadListStatement', filter, page) }),
            `${gc(api.case)} / ${gc(dashboard.case)}`,
          ]);
        }),
      ),
      '',
      'Where the time of the unfiltered first page goes:',
      '',
      row(['no filter, first page', 'p50 / p99 ms']),
      rule(['l', 'r']),
      row(['`leadListStatement` alone (SQL, 21 rows read)', fine(f, first('leadListStatement'))]),
      row(['`resolveSession` alone (the session read of every signed-in request)', fine(f, { ...list, case: 'resolveSession' })]),
      row([
        `\`app.request('/v1/leads')\` in process (no socket, no compression; ${int(f.value({ ...first('GET /v1/leads'), metric: 'bytesUncompressed' }))} bytes of JSON)`,
        fine(f, { ...list, case: 'app.request /v1/leads' }),
      ]),
      row([
        `\`app.request('/dashboard')\` in process (${int(f.value({ ...first('GET /dashboard'), metric: 'bytesUncompressed' }))} bytes of HTML)`,
        fine(f, { ...list, case: 'app.request /dashboard' }),
      ]),
      row(['`GET /v1/leads` over HTTP, no Accept-Encoding', ms(f, { ...list, case: 'GET /v1/leads first, no Accept-Encoding' })]),
      row(['`GET /v1/leads` over HTTP, brotli', ms(f, first('GET /v1/leads'))]),
      row(['`GET /dashboard` over HTTP, brotli', ms(f, first('GET /dashboard'))]),
      '',
      'Head-of-line blocking (issue 12 sets no number for it):',
      '',
      row(['`GET /v1/widget/config?partner=…&lang=fi`', 'p50 ms', 'p99 ms', "server's event-loop delay p99 / max ms"]),
      rule(['l', 'r', 'r', 'r']),
      row([
        'alone',
        fixed(f.value({ ...config('alone'), metric: 'p50Ms' })),
        fixed(f.value({ ...config('alone'), metric: 'p99Ms' })),
        delay('alone'),
      ]),
      row([
        'beside 2 loops of `GET /v1/leads`',
        fixed(f.value({ ...config('beside 2 list loops'), metric: 'p50Ms' })),
        fixed(f.value({ ...config('beside 2 list loops'), metric: 'p99Ms' })),
        delay('beside 2 list loops'),
      ]),
      row(['ratio', ratio('p50Ratio'), ratio('p99Ratio'), '']),
      row([
        `the 2 loops' \`GET /v1/leads\` (${int(f.value({ ...loops, metric: 'requestsPerSecond' }))} req/s)`,
        fixed(f.value({ ...loops, metric: 'p50Ms' })),
        fixed(f.value({ ...loops, metric: 'p99Ms' })),
        '',
      ]),
      row([
        `beside the jobs purging ${int(f.value({ ...purge, metric: 'requestsPurged' }))} ended requests ` +
          `(${fixed(f.value({ ...purge, metric: 'seconds' }))} s; ${int(f.value({ ...config('beside a purge'), metric: 'requests' }))} answered meanwhile, the slowest in ${fixed(f.value({ ...config('beside a purge'), metric: 'maxMs' }))} ms)`,
        fixed(f.value({ ...config('beside a purge'), metric: 'p50Ms' })),
        fixed(f.value({ ...config('beside a purge'), metric: 'p99Ms' })),
        delay('beside a purge'),
      ]),
    ];
  },
};
