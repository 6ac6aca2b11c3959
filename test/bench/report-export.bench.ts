// Export figures: the time to render a province-sized Phụ lục 2 (200 officers) into each file
// format, beside serialising the same model to JSON, so the cost of each format reads as a ratio.
import { REPORT_FORMATS, exportPhuLuc2 } from '../../server/reports/export/index.ts';
import { fixtureReport } from '../fixtures/reports/phu-luc-2-fixture.ts';
import { quantile, round } from './figure.ts';
import type { Figure } from './figure.ts';

const OFFICERS = 200;
const RUNS = 8;

export async function benchReportExport(): Promise<Figure[]> {
  const report = fixtureReport({ officers: OFFICERS });
  const figures: Figure[] = [];
  for (const format of REPORT_FORMATS) {
    await exportPhuLuc2(report, format); // warm-up: fonts, zip, JIT
    const samples: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      bytes = (await exportPhuLuc2(report, format)).body.length;
      samples.push(performance.now() - start);
    }
    figures.push({
      name: `phu-luc-2 export ${format}, ${OFFICERS} officers (median)`,
      value: round(quantile(samples, 0.5), 1),
      unit: 'ms',
      better: 'lower',
      baseline: format === 'json' ? 'JSON.stringify of the model' : `json export in the same run; file ${bytes} bytes`,
    });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  for (const figure of await benchReportExport()) console.log(JSON.stringify(figure));
}
