import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { coverageReport } from '../../server/reports/coverage-query.ts';
import type { ExportedFile } from '../../server/reports/export/index.ts';
import { phuLuc2Report } from '../../server/reports/phu-luc-2-query.ts';
import { CsvDelimiterSchema } from '../../shared/contract/server-api.ts';
import { parseDay } from '../../shared/domain/vietnam-time.ts';
import { UsageError } from '../usage-error.ts';
import { DB_OPTIONS, openCliDb } from './server.ts';

export const REPORT_USAGE = `hailong report phu-luc-2|coverage --from YYYY-MM-DD --to YYYY-MM-DD [--format json|csv|xlsx|docx|pdf] [--delimiter semicolon|comma] [--out FILE] [--db FILE | --database-url URL]
  Xuất Phụ lục 2 (hoặc báo cáo tỷ lệ đánh giá) cho các ngày từ --from đến --to theo giờ Việt Nam, tính cả hai đầu.
  --delimiter (chỉ với --format csv): semicolon (;) để mở bằng Excel tiếng Việt, comma (,) cho máy đọc (mặc định).`;

const PHU_LUC_2_FORMATS = ['json', 'csv', 'xlsx', 'docx', 'pdf'] as const;
const COVERAGE_FORMATS = ['json', 'csv', 'xlsx'] as const;

export async function runReport(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...DB_OPTIONS,
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      delimiter: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [kind] = positionals;
  if (kind !== 'phu-luc-2' && kind !== 'coverage') throw new UsageError('Cần: hailong report phu-luc-2 hoặc coverage');
  const { from, to, format } = values;
  if (!from || !parseDay(from)) throw new UsageError('--from phải là một ngày có thật dạng YYYY-MM-DD.');
  if (!to || !parseDay(to)) throw new UsageError('--to phải là một ngày có thật dạng YYYY-MM-DD.');
  if (from > to) throw new UsageError('--from phải trước hoặc bằng --to.');
  const formats: readonly string[] = kind === 'phu-luc-2' ? PHU_LUC_2_FORMATS : COVERAGE_FORMATS;
  if (!formats.includes(format)) throw new UsageError(`--format phải là một trong: ${formats.join(', ')}.`);
  const delimiter = csvDelimiterOption(values.delimiter, format);

  // Loaded here, not at start-up: every `hailong` command would otherwise carry exceljs, docx and pdfkit.
  const { exportCoverage, exportPhuLuc2 } = await import('../../server/reports/export/index.ts');
  const server = await openCliDb(values);
  let file: ExportedFile;
  try {
    file =
      kind === 'phu-luc-2'
        ? await exportPhuLuc2(
            await phuLuc2Report(server.db, from, to, new Date()),
            format as (typeof PHU_LUC_2_FORMATS)[number],
            { csvDelimiter: delimiter },
          )
        : await exportCoverage(
            await coverageReport(server.db, from, to, new Date()),
            format as (typeof COVERAGE_FORMATS)[number],
            { csvDelimiter: delimiter },
          );
  } finally {
    await server.close();
  }
  if (!values.out && format === 'json') {
    process.stdout.write(file.body);
    process.stdout.write('\n');
    return;
  }
  const out = values.out ?? file.fileName;
  await writeFile(out, file.body);
  console.error(`Đã ghi ${out}`);
}

/** `--delimiter semicolon|comma`, the same names the console's download uses; only meaningful with CSV. */
function csvDelimiterOption(value: string | undefined, format: string): ',' | ';' {
  if (value === undefined) return ',';
  if (format !== 'csv') throw new UsageError('--delimiter chỉ dùng với --format csv.');
  const parsed = CsvDelimiterSchema.safeParse(value);
  if (!parsed.success) throw new UsageError('--delimiter phải là semicolon (;) hoặc comma (,).');
  return parsed.data === 'semicolon' ? ';' : ',';
}
