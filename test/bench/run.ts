// `npm run bench`: every figure as one JSON line {name, value, unit, goal, better, baseline?}.
// Each suite measures its own baseline in the same run, so ratios hold on a noisy machine.
// `npm run bench -- SUITE… [--figure=NAME…]`: only those suites, and of them only those figures.
import { figureWanted, printFigure, type Figure } from './figure.ts';

type Suite = [name: string, load: () => Promise<() => Promise<Figure[]>>];

const SUITES: Suite[] = [
  ['server', async () => (await import('./server.bench.ts')).benchServer],
  ['core', async () => (await import('./core.bench.ts')).benchCore],
  ['rating-tap', async () => (await import('./rating-tap.bench.ts')).benchRatingTap],
  ['printing', async () => (await import('./printing.bench.ts')).benchPrinting],
  ['queue', async () => (await import('./queue.bench.ts')).benchQueue],
  ['centre-queue', async () => (await import('./centre-queue.bench.ts')).benchCentreQueue],
  ['report-export', async () => (await import('./report-export.bench.ts')).benchReportExport],
  ['console', async () => (await import('./console.bench.ts')).benchConsole],
  ['live-cross-process', async () => (await import('./live-cross-process.bench.ts')).benchLiveCrossProcess],
  ['alerts', async () => (await import('./alerts.bench.ts')).benchAlerts],
  ['auth', async () => (await import('./auth.bench.ts')).benchAuth],
  ['phone', async () => (await import('./phone.bench.ts')).benchPhone],
  ['live-load', async () => (await import('./live-load.bench.ts')).benchLiveLoad],
  ['province', async () => (await import('./province.bench.ts')).benchProvince],
];

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
let failures = 0;
// A promise a suite left behind must not end the run before the suites after it have measured.
process.on('unhandledRejection', (error) => {
  failures += 1;
  console.error('bench: unhandled rejection (counted as a failure):', error);
});
for (const [name, load] of SUITES) {
  if (only.length > 0 && !only.includes(name)) continue;
  try {
    const run = await load();
    for (const figure of await run()) if (figureWanted(figure.name)) printFigure(figure);
  } catch (error) {
    failures += 1;
    console.error(`bench ${name} failed:`, error);
  }
}
process.exit(failures > 0 ? 1 : 0);
