// BENCHMARKS.md's widget section: bench/widget.ts's medians, one column per profile and visit.
import { partnerKinds, widgetKinds } from '../cases.ts';
import { int, row, rule, type Section, unique } from './figures.ts';

export const widget: Section = {
  name: 'widget',
  runs: ['widget'],
  render(f) {
    const scenarios = unique(f.all({ bench: 'widget', metric: 'firstInputMs' }).map((x) => x.scenario));
    const get = (scenario: string, metric: string) => f.all({ bench: 'widget', scenario, metric }).at(-1)?.value;
    const n = (v: number | undefined) => (v === undefined ? '–' : int(v));
    // Nothing received for a kind the visit asked for: the browser's cache answered.
    const bytes = (s: string, kind: string) => {
      const v = get(s, `bytes.${kind}`);
      return v === undefined ? 'not asked' : v === 0 ? '0 (cache)' : int(v);
    };
    const span = (s: string, kind: string) =>
      get(s, `start.${kind}`) === undefined ? '–' : `${n(get(s, `start.${kind}`))} → ${n(get(s, `end.${kind}`))}`;
    const before = (s: string) => {
      const found = f.all({ bench: 'widget', scenario: s, metric: 'configBeforeAppEnd' }).at(-1);
      return found ? `${found.value} of ${String(found.unit).replace(/^runs of /, '')} runs` : '– (cached)';
    };
    return [
      row([
        `median of ${f.value({ bench: 'widget', scenario: 'all', metric: 'runs' })}`,
        'first input ms',
        'bytes',
        'of which headers',
        'requests',
        ...Object.values(widgetKinds),
      ]),
      rule(['l', ...Array<'r'>(4 + Object.keys(widgetKinds).length).fill('r')]),
      ...scenarios.map((s) =>
        row([
          s,
          n(get(s, 'firstInputMs')),
          n(get(s, 'bytes')),
          n(get(s, 'headerBytes')),
          n(get(s, 'requests')),
          ...Object.keys(widgetKinds).map((k) => bytes(s, k)),
        ]),
      ),
      '',
      row(['ms from navigation start: start → end', ...scenarios]),
      rule(['l', ...scenarios.map(() => 'r' as const)]),
      ...Object.entries({ ...partnerKinds, ...widgetKinds }).map(([k, label]) => row([label, ...scenarios.map((s) => span(s, k))])),
      row(['first input', ...scenarios.map((s) => n(get(s, 'firstInputMs')))]),
      row(['config asked before the app chunk ended', ...scenarios.map(before)]),
    ];
  },
};
