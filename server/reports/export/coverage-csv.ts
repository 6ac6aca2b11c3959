import {
  COVERAGE_COLUMNS,
  COVERAGE_TITLE,
  formatMinutesSeconds,
  type CoverageReport,
} from '../../../shared/domain/coverage-report.ts';
import { toCsv, type CsvDelimiter } from './csv.ts';
import { funnelCsvRows } from './funnel-export.ts';

export const COVERAGE_HEADER = [
  COVERAGE_COLUMNS.stt,
  COVERAGE_COLUMNS.fullName,
  COVERAGE_COLUMNS.agency,
  COVERAGE_COLUMNS.ticketsServed,
  COVERAGE_COLUMNS.ratingsReceived,
  COVERAGE_COLUMNS.ticketRatings,
  COVERAGE_COLUMNS.walkUpRatings,
  COVERAGE_COLUMNS.coveragePercent,
  COVERAGE_COLUMNS.averageWait,
  COVERAGE_COLUMNS.averageService,
] as const;

/**
 * Machine-readable like the Phụ lục 2 CSV: counts as plain integers, the percentage with one
 * decimal and a dot (as in JSON), times as mm:ss; an empty field means "nothing measured".
 */
export function coverageCsv(report: CoverageReport, delimiter: CsvDelimiter = ','): Buffer {
  return toCsv(
    [
      [COVERAGE_TITLE],
      [report.periodLine],
      [...COVERAGE_HEADER],
      ...report.rows.map((row) => [
        row.stt,
        row.fullName,
        row.agencyName,
        row.ticketsServed,
        row.ratingsReceived,
        row.ticketRatings,
        row.walkUpRatings,
        row.coveragePercent === null ? '' : row.coveragePercent.toFixed(1),
        formatMinutesSeconds(row.averageWaitSeconds),
        formatMinutesSeconds(row.averageServiceSeconds),
      ]),
      ...funnelCsvRows(report),
    ],
    delimiter,
  );
}
