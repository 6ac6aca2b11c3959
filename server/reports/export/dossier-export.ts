import ExcelJS from 'exceljs';
import {
  DOSSIER_HEADER,
  DOSSIER_TITLE,
  type DossierRatingRow,
  type DossierRatingsReport,
} from '../../../shared/domain/dossier-ratings.ts';
import { CSV_CONTENT_TYPE, toCsv } from './csv.ts';
import type { ExportedFile } from './index.ts';
import {
  boldFont,
  bodyFont,
  centred,
  leftWrapped,
  setUpA4Landscape,
  styleCell,
  XLSX_CONTENT_TYPE,
} from './xlsx-style.ts';

const WIDTHS = [6, 28, 28, 32, 18, 14, 16];
const cells = (row: DossierRatingRow) => [
  row.stt,
  row.dossierCode,
  row.fullName,
  row.agencyName,
  row.time,
  row.levelLabel,
  row.channel,
];

/** The per-dossier export: a CSV or a sheet with the columns the provincial system is reconciled on. */
export async function exportDossierRatings(
  report: DossierRatingsReport,
  format: 'csv' | 'xlsx',
): Promise<ExportedFile> {
  const fileName = `danh-gia-theo-ho-so_${report.from ?? ''}_${report.to ?? ''}.${format}`;
  if (format === 'csv') {
    const body = toCsv([[DOSSIER_TITLE], [report.periodLine], [...DOSSIER_HEADER], ...report.rows.map(cells)]);
    return { body, contentType: CSV_CONTENT_TYPE, fileName };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hailong';
  const sheet = workbook.addWorksheet('Theo mã hồ sơ', { views: [{ state: 'frozen', ySplit: 4 }] });
  setUpA4Landscape(sheet, '4:4');
  sheet.columns = WIDTHS.map((width) => ({ width }));
  sheet.getCell('A1').value = DOSSIER_TITLE;
  styleCell(sheet.getCell('A1'), boldFont, leftWrapped, false);
  sheet.getCell('A2').value = report.periodLine;
  styleCell(sheet.getCell('A2'), bodyFont, leftWrapped, false);
  DOSSIER_HEADER.forEach((text, index) => {
    const cell = sheet.getRow(4).getCell(index + 1);
    cell.value = text;
    styleCell(cell, boldFont, centred, true);
  });
  report.rows.forEach((row, i) => {
    cells(row).forEach((value, index) => {
      const cell = sheet.getRow(5 + i).getCell(index + 1);
      // The dossier code stays text: Excel must not turn "0001" into 1.
      cell.value = value;
      styleCell(cell, bodyFont, index === 0 ? centred : leftWrapped, true);
    });
  });
  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), contentType: XLSX_CONTENT_TYPE, fileName };
}
