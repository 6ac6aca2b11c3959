import type { CoverageReport } from '../../../shared/domain/coverage-report.ts';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { coverageCsv } from './coverage-csv.ts';
import { coverageXlsx } from './coverage-xlsx.ts';
import { CSV_CONTENT_TYPE, type CsvDelimiter } from './csv.ts';
import { DOCX_CONTENT_TYPE, phuLuc2Docx } from './phu-luc-2-docx.ts';
import { phuLuc2Csv } from './phu-luc-2-csv.ts';
import { phuLuc2FileName } from './phu-luc-2-layout.ts';
import { PDF_CONTENT_TYPE } from './pdf-table.ts';
import { phuLuc2Pdf } from './phu-luc-2-pdf.ts';
import { phuLuc2Xlsx } from './phu-luc-2-xlsx.ts';
import { XLSX_CONTENT_TYPE } from './xlsx-style.ts';

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'docx' | 'pdf';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'xlsx', 'docx', 'pdf'];

export type CoverageFormat = 'json' | 'csv' | 'xlsx';
export const COVERAGE_FORMATS: readonly CoverageFormat[] = ['json', 'csv', 'xlsx'];

export interface ExportedFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

function jsonBody(value: unknown): Buffer {
  // NFC throughout: the model is normalised by the server, but a stray NFD name must not leak out.
  return Buffer.from(JSON.stringify(value, null, 2).normalize('NFC'), 'utf8');
}

/** Renders the Phụ lục 2 model into the file a centre files; every format draws the same cells. */
export async function exportPhuLuc2(
  report: PhuLuc2Report,
  format: ReportFormat,
  options: { csvDelimiter?: CsvDelimiter } = {},
): Promise<ExportedFile> {
  const fileName = phuLuc2FileName(report, format);
  switch (format) {
    case 'json':
      return { body: jsonBody(report), contentType: JSON_CONTENT_TYPE, fileName };
    case 'csv':
      return { body: phuLuc2Csv(report, options.csvDelimiter), contentType: CSV_CONTENT_TYPE, fileName };
    case 'xlsx':
      return { body: await phuLuc2Xlsx(report), contentType: XLSX_CONTENT_TYPE, fileName };
    case 'docx':
      return { body: await phuLuc2Docx(report), contentType: DOCX_CONTENT_TYPE, fileName };
    case 'pdf':
      return { body: await phuLuc2Pdf(report), contentType: PDF_CONTENT_TYPE, fileName };
  }
}

/** The coverage report beside Phụ lục 2: ty-le-danh-gia_2021-01-01_2021-06-14.xlsx */
export async function exportCoverage(report: CoverageReport, format: CoverageFormat): Promise<ExportedFile> {
  const fileName = `ty-le-danh-gia_${report.from}_${report.to}.${format}`;
  switch (format) {
    case 'json':
      return { body: jsonBody(report), contentType: JSON_CONTENT_TYPE, fileName };
    case 'csv':
      return { body: coverageCsv(report), contentType: CSV_CONTENT_TYPE, fileName };
    case 'xlsx':
      return { body: await coverageXlsx(report), contentType: XLSX_CONTENT_TYPE, fileName };
  }
}
