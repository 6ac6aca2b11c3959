/** One measured figure of a benchmark, printed as one JSON line so runs can be compared. */
export type Figure = {
  name: string;
  value: number;
  unit: string;
  /** The target from the issue, e.g. 20 (MB) or "< 2 ms". */
  goal?: number | string;
  better: 'lower' | 'higher';
  /** What the figure should be read beside, e.g. the bare durable insert on the same disk. */
  baseline?: string;
};

export function printFigure(figure: Figure): void {
  console.log(JSON.stringify(figure));
}

/** The value at quantile q (0..1) of samples, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Rounds for printing: figures are read by people, three significant decimals are plenty. */
export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Figures asked for with `--figure=NAME` (none: all). Suites with costly parts skip the parts whose
 * figures were not asked for, so one figure can be measured before and after a change alone.
 */
const askedFigures = process.argv.filter((a) => a.startsWith('--figure=')).map((a) => a.slice('--figure='.length));

export function figureWanted(name: string): boolean {
  return askedFigures.length === 0 || askedFigures.includes(name);
}
