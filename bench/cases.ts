// What the benches measure, named once: the bench prints figures under these names and
// bench/report/ renders BENCHMARKS.md's tables from them.
import type { LeadFilter } from '../api/domain/leads.ts';

/** bench/list.ts: each filter, on the first page and on the page after five `nextCursor`s. */
export const listFilters: [string, LeadFilter][] = [
  ['none', {}],
  ['region', { region: '01' }],
  ['category', { category: 'bathroom' }],
  ['region + category', { region: '01', category: 'bathroom' }],
];
export const deepPage = 6;
export const listPages = ['first', `page ${deepPage}`] as const;

/** The query string of a list request, as the bench sends it and names its figures. */
export function listQuery(filter: LeadFilter, cursor?: string): string {
  const values = Object.entries(filter).map(([name, value]) => [name, String(value)]);
  const q = new URLSearchParams([...values, ...(cursor ? [['cursor', cursor]] : [])]).toString();
  return q ? `?${q}` : '';
}

/** bench/widget.ts: the widget's requests to the API's origin, by kind. */
export const widgetKinds = { loader: 'widget.js', app: 'app chunk', language: 'language chunk', config: 'config', event: 'counter event' };
/** The partner's own page and stylesheet, not counted: they show where the widget's requests can start. */
export const partnerKinds = { page: 'partner page', css: "partner's stylesheet" };
