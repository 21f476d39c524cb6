import type { Figure } from './stats';

/** One line of the table: a figure, its baseline measured in the same run, and the target it is held to. */
export interface Line {
  row: string;
  metric: string;
  size: string;
  figure: Figure;
  baseline: Figure;
  baselineName: string;
  /** Whether a higher figure is better (rates) or a lower one (latency, time, memory). */
  better: 'higher' | 'lower';
  target?: { text: string; met: boolean };
  /** Per-run figures the table leaves out; kept in the JSON only. */
  detail?: unknown;
}

export const ratio = (line: Line) => line.figure.median / line.baseline.median;

const group = (n: number) =>
  Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

export function format(value: number, metric: string): string {
  if (!Number.isFinite(value)) return '—';
  if (metric.endsWith('/s') || metric === 'MiB') return group(value);
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : group(value);
}

const spread = (f: Figure, metric: string) => `${format(f.min, metric)}–${format(f.max, metric)}`;

/** A fixed-width text table; the README embeds the same text. */
export function table(lines: Line[]): string {
  const head = [
    'row',
    'size',
    'metric',
    'median',
    'runs',
    'min–max',
    'baseline (same run)',
    'baseline',
    'min–max',
    'ratio',
    'target',
  ];
  const body = lines.map((l) => [
    l.row,
    l.size,
    l.metric,
    format(l.figure.median, l.metric),
    String(l.figure.runs.length),
    spread(l.figure, l.metric),
    l.baselineName,
    format(l.baseline.median, l.metric),
    spread(l.baseline, l.metric),
    ratio(l).toFixed(2),
    l.target ? `${l.target.text} ${l.target.met ? 'met' : 'MISSED'}` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const render = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [render(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(render)].join(
    '\n',
  );
}

export const sizeLabel = (events: number) =>
  events >= 1_000_000
    ? `${events / 1_000_000}M events`
    : events >= 1000
      ? `${events / 1000}k events`
      : `${events} events`;
