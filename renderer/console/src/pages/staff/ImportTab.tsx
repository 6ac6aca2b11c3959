import { useState } from 'react';
import type { StaffImportResult } from '../../../../../shared/contract/server-api.ts';
import { api, errorText } from '../../api.ts';
import { Message, type Flash } from '../../components/Message.tsx';
import { formatCount } from '../../format.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file as the server expects it: CSV or XLSX by its name when the browser gives no type. */
function typed(file: File): Blob {
  const type = file.type || (file.name.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'text/csv');
  return new Blob([file], { type });
}

function Summary({ result }: { result: StaffImportResult }) {
  return (
    <div className="import-result" aria-live="polite">
      <dl className="tiles">
        <div className="tile">
          <dt>{result.dryRun ? 'Sẽ thêm' : 'Đã thêm'}</dt>
          <dd data-figure="created">{formatCount(result.created)}</dd>
        </div>
        <div className="tile">
          <dt>{result.dryRun ? 'Sẽ cập nhật' : 'Đã cập nhật'}</dt>
          <dd data-figure="updated">{formatCount(result.updated)}</dd>
        </div>
        <div className="tile">
          <dt>Không đổi</dt>
          <dd data-figure="unchanged">{formatCount(result.unchanged)}</dd>
        </div>
      </dl>
      {result.moves.length > 0 ? (
        <div className="warning-box" data-section="moves">
          <h4>
            {result.dryRun || result.moved === 0
              ? 'Cán bộ đang ở cơ quan khác (chỉ chuyển khi bạn chọn)'
              : 'Cán bộ đã chuyển cơ quan'}
          </h4>
          <ul>
            {result.moves.map((m) => (
              <li key={m.row}>
                Dòng {m.row}: {m.fullName}
                {m.code ? ` (mã ${m.code})` : ''}: {m.fromAgencyName} → {m.toAgencyName}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.unknownAgencies.length > 0 ? (
        <div className="warning-box">
          <h4>Cơ quan, đơn vị chưa có (không được tạo tự động)</h4>
          <ul>
            {result.unknownAgencies.map((u) => (
              <li key={`${u.row}-${u.name}`}>
                Dòng {u.row}: “{u.name}”
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.skipped.length > 0 ? (
        <div className="warning-box">
          <h4>Dòng bị bỏ qua</h4>
          <ul>
            {result.skipped.map((s) => (
              <li key={s.row}>
                Dòng {s.row}: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function ImportTab({ admin }: { admin: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<StaffImportResult | null>(null);
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);
  if (!admin) return <p>Chỉ quản trị viên được nhập danh sách cán bộ.</p>;
  const send = async (dryRun: boolean, moves?: 'apply' | 'keep') => {
    if (!file) return;
    setBusy(true);
    try {
      const query = dryRun ? '?dryRun=1' : moves ? `?moves=${moves}` : '';
      const result = await api<StaffImportResult>(`/api/v1/staff/import${query}`, {
        method: 'POST',
        file: typed(file),
      });
      setPreview(result);
      setFlash(
        dryRun
          ? { ok: true, text: 'Xem trước: chưa có gì thay đổi. Kiểm tra rồi bấm “Áp dụng”.' }
          : {
              ok: true,
              text: `Đã nhập: thêm ${formatCount(result.created)}, cập nhật ${formatCount(result.updated)}, chuyển cơ quan ${formatCount(result.moved)} cán bộ.`,
            },
      );
    } catch (failure) {
      setFlash({ ok: false, text: errorText(failure) });
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="muted small">
        Tệp CSV (UTF-8) hoặc XLSX có cột “Họ và tên” và “Cơ quan, đơn vị”, nên có thêm cột “Mã cán bộ” (phân biệt người
        trùng tên, nhận ra người chuyển cơ quan); Phụ lục 2 kỳ trước cũng dùng được.
      </p>
      <div className="inline-form">
        <label>
          <span>Tệp danh sách cán bộ</span>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setFlash(null);
            }}
          />
        </label>
        <button type="button" disabled={!file || busy} onClick={() => void send(true)}>
          Xem trước thay đổi
        </button>
        {preview?.dryRun && preview.moves.length > 0 ? (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void send(false, 'apply')}>
              Áp dụng, chuyển {formatCount(preview.moves.length)} cán bộ sang cơ quan trong tệp
            </button>
            <button type="button" disabled={busy} onClick={() => void send(false, 'keep')}>
              Áp dụng, giữ cơ quan hiện tại
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={!file || busy || !preview?.dryRun}
            onClick={() => void send(false)}
          >
            Áp dụng
          </button>
        )}
      </div>
      <Message flash={flash} />
      {preview ? <Summary result={preview} /> : null}
    </>
  );
}
