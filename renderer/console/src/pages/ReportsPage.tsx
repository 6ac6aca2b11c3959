import { useState } from 'react';
import {
  COVERAGE_COLUMNS,
  COVERAGE_TITLE,
  formatMinutesSeconds,
  formatPercentVi,
  type CoverageReport,
} from '../../../../shared/domain/coverage-report.ts';
import { PHU_LUC_2_COLUMNS, PHU_LUC_2_TITLE, type PhuLuc2Report } from '../../../../shared/domain/phu-luc-2.ts';
import { DEFAULT_REPORT_FRAMING, placeDateLine } from '../../../../shared/domain/report-framing.ts';
import { formatDateTimeVi, vietnamDay } from '../../../../shared/domain/vietnam-time.ts';
import { Downloads } from '../components/Downloads.tsx';
import { PeriodPicker, type Period } from '../components/PeriodPicker.tsx';
import { formatCount } from '../format.ts';
import { presetPeriod } from '../periods.ts';
import { useFetch } from '../use-fetch.ts';
import { useCentreQuery, useSelectedCentre } from '../centre-store.ts';
import { useSession } from '../session-store.ts';
import { NoteCell } from './reports/NoteCell.tsx';
import { ReportFramingForm } from './reports/ReportFramingForm.tsx';

/** CSV for a person opening it in Excel uses `;`; the machine-readable one keeps `,` (docs/reports.md). */
const FORMATS = [
  { format: 'xlsx', label: 'Tải XLSX (Excel)' },
  { format: 'docx', label: 'Tải DOCX (Word)' },
  { format: 'pdf', label: 'Tải PDF' },
  { format: 'csv&delimiter=semicolon', label: 'Tải CSV (Excel, dấu ;)' },
  { format: 'csv&delimiter=comma', label: 'Tải CSV (máy đọc, dấu ,)' },
] as const;

/**
 * Phụ lục 2 as it prints: the framing, the same title lines, period line, merged header, totals,
 * misuse line and signatures. With `onNoteSaved`, each row's `Ghi chú` can be edited.
 */
export function PhuLuc2Sheet({ report, onNoteSaved }: { report: PhuLuc2Report; onNoteSaved?: () => void }) {
  const levels = report.levels;
  const framing = report.framing ?? DEFAULT_REPORT_FRAMING;
  const issuing = [framing.issuingBody, report.centreName]
    .map((text) => text.trim().toLocaleUpperCase('vi'))
    .filter((text) => text !== '');
  return (
    <article className="paper" aria-label="Phụ lục 2">
      <div className="paper-heading">
        <p className="paper-issuing">
          {issuing.map((line, index) => (
            <span key={line} className={index === issuing.length - 1 ? 'strong' : undefined}>
              {line}
            </span>
          ))}
        </p>
        {framing.annexAlign === 'right' && framing.annexLabel !== '' ? (
          <p className="paper-annex">{framing.annexLabel}</p>
        ) : null}
      </div>
      {framing.annexAlign === 'center' && framing.annexLabel !== '' ? (
        <p className="paper-annex paper-annex--center">{framing.annexLabel}</p>
      ) : null}
      <p className="paper-title">
        {PHU_LUC_2_TITLE[0]}
        <br />
        {PHU_LUC_2_TITLE[1]}
      </p>
      <p className="paper-period">{report.periodLine}</p>
      <div className="table-wrap">
        <table className="form-table">
          <caption className="visually-hidden">Phụ lục 2 {report.periodLine}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {PHU_LUC_2_COLUMNS.stt}
              </th>
              <th scope="col" rowSpan={2}>
                {PHU_LUC_2_COLUMNS.fullName}
              </th>
              <th scope="col" rowSpan={2}>
                {PHU_LUC_2_COLUMNS.agency}
              </th>
              <th scope="colgroup" colSpan={levels.length}>
                {PHU_LUC_2_COLUMNS.ratings}
              </th>
              <th scope="col" rowSpan={2}>
                {PHU_LUC_2_COLUMNS.note}
              </th>
            </tr>
            <tr>
              {levels.map((l) => (
                <th scope="col" key={l.code}>
                  {l.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={`${row.officerId}-${row.agencyId}`}>
                <td className="center">{row.stt}</td>
                <td>{row.fullName}</td>
                <td>{row.agencyName}</td>
                {levels.map((l, i) => (
                  <td key={l.code} className="center">
                    {formatCount(row.counts[i] ?? 0)}
                  </td>
                ))}
                {onNoteSaved ? (
                  <NoteCell
                    note={row.note}
                    officerName={row.fullName}
                    target={{ from: report.from, to: report.to, officerId: row.officerId, agencyId: row.agencyId }}
                    onSaved={onNoteSaved}
                  />
                ) : (
                  <td>{row.note}</td>
                )}
              </tr>
            ))}
            <tr className="totals">
              <th scope="row" colSpan={3}>
                Tổng cộng
              </th>
              {levels.map((l, i) => (
                <td key={l.code} className="center">
                  {formatCount(report.totals[i] ?? 0)}
                </td>
              ))}
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <p className="paper-note">{report.misuseLine}</p>
      <p className="paper-date">{placeDateLine(framing.place, vietnamDay(new Date(report.generatedAt)))}</p>
      <div className="paper-signatures">
        {[
          [framing.preparerTitle, framing.preparerName],
          [framing.approverTitle, framing.approverName],
        ].map(([title, name]) => (
          <p key={title}>
            <span className="strong">{title}</span>
            <span className="paper-signing-room" aria-hidden="true" />
            <span className="strong">{name}</span>
          </p>
        ))}
      </div>
      <p className="paper-footer">Lập lúc {formatDateTimeVi(new Date(report.generatedAt))}</p>
    </article>
  );
}

function CoverageSheet({ report }: { report: CoverageReport }) {
  return (
    <article className="paper" aria-label="Tỷ lệ đánh giá">
      <p className="paper-title">{COVERAGE_TITLE}</p>
      <p className="paper-period">{report.periodLine}</p>
      <div className="table-wrap">
        <table className="form-table">
          <thead>
            <tr>
              <th scope="col">{COVERAGE_COLUMNS.stt}</th>
              <th scope="col">{COVERAGE_COLUMNS.fullName}</th>
              <th scope="col">{COVERAGE_COLUMNS.ticketsServed}</th>
              <th scope="col">{COVERAGE_COLUMNS.ratingsReceived}</th>
              <th scope="col">{COVERAGE_COLUMNS.coveragePercent}</th>
              <th scope="col">{COVERAGE_COLUMNS.averageWait}</th>
              <th scope="col">{COVERAGE_COLUMNS.averageService}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.officerId}>
                <td className="center">{row.stt}</td>
                <td>
                  {row.fullName}
                  <span className="small muted"> · {row.agencyName}</span>
                </td>
                <td className="center">{formatCount(row.ticketsServed)}</td>
                <td className="center">{formatCount(row.ratingsReceived)}</td>
                <td className="center">{formatPercentVi(row.coveragePercent)}</td>
                <td className="center">{formatMinutesSeconds(row.averageWaitSeconds)}</td>
                <td className="center">{formatMinutesSeconds(row.averageServiceSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

export default function ReportsPage() {
  const [period, setPeriod] = useState<Period>(() => presetPeriod('month', new Date()));
  const query = useCentreQuery({ from: period.from, to: period.to });
  // A province admin with every centre chosen reads the province's Phụ lục 2 (each centre, then the total).
  const province = useSession((s) => s.session?.role === 'province_admin');
  const several = useSelectedCentre((s) => (s.centres?.length ?? 0) > 1 && s.code === null);
  const code = useSelectedCentre((s) => s.code);
  const phuLuc2Query = province && several ? `${query}&scope=province` : query;
  const phuLuc2 = useFetch<PhuLuc2Report>(`/api/v1/reports/phu-luc-2?${phuLuc2Query}&format=json`);
  const coverage = useFetch<CoverageReport>(`/api/v1/reports/coverage?${query}&format=json`);
  return (
    <>
      <div className="toolbar">
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      <div className="reports">
        <section className="card" aria-labelledby="h-pl2">
          <div className="section-head">
            <h2 id="h-pl2">Phụ lục 2</h2>
            <Downloads
              links={FORMATS.map((f) => ({
                href: `/api/v1/reports/phu-luc-2?${phuLuc2Query}&format=${f.format}`,
                label: f.label,
              }))}
            />
          </div>
          {phuLuc2.error ? (
            <p className="error" role="alert">
              {phuLuc2.error}
            </p>
          ) : null}
          {phuLuc2.data ? (
            <PhuLuc2Sheet report={phuLuc2.data} onNoteSaved={phuLuc2.reload} />
          ) : (
            <p role="status">Đang tải…</p>
          )}
        </section>
        <ReportFramingForm key={code ?? ''} onSaved={phuLuc2.reload} />
        <section className="card" aria-labelledby="h-cov">
          <div className="section-head">
            <h2 id="h-cov">Tỷ lệ đánh giá và thời gian phục vụ</h2>
            <Downloads
              links={['xlsx', 'csv'].map((format) => ({
                href: `/api/v1/reports/coverage?${query}&format=${format}`,
                label: `Tải ${format.toUpperCase()}`,
                ariaLabel: `Tải ${format.toUpperCase()} tỷ lệ đánh giá`,
              }))}
            />
          </div>
          {coverage.error ? (
            <p className="error" role="alert">
              {coverage.error}
            </p>
          ) : null}
          {coverage.data ? <CoverageSheet report={coverage.data} /> : <p role="status">Đang tải…</p>}
        </section>
      </div>
    </>
  );
}
