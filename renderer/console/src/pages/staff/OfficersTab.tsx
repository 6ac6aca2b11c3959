import { useState } from 'react';
import type { OfficerOut } from '../../../../../shared/contract/server-api.ts';
import type { Agency } from '../../../../../shared/domain/config.ts';
import { api } from '../../api.ts';
import { ChooseField, InlineForm } from '../../components/InlineForm.tsx';
import { Message } from '../../components/Message.tsx';
import { formatDayVi } from '../../format.ts';
import { useCentreIdBody, useCentreIdPath, useCentrePath } from '../../centre-store.ts';
import { useAction } from '../../use-action.ts';
import { useFetch } from '../../use-fetch.ts';
import { move, saveOrder } from './AgenciesTab.tsx';
import { DayInput } from '../../components/DayInput.tsx';
import { OfficerPhotoEditor } from './OfficerPhotoEditor.tsx';

const day = (value: string | null) => (value ? formatDayVi(value) : '—');

function OfficerEditor({
  officer,
  onSave,
  onPin,
  onCancel,
  busy,
}: {
  officer: OfficerOut;
  onSave: (patch: { activeFrom: string | null; activeTo: string | null; active: boolean }) => void;
  onPin: (pin: string) => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const [from, setFrom] = useState(officer.activeFrom ?? '');
  const [to, setTo] = useState(officer.activeTo ?? '');
  const [active, setActive] = useState(officer.active);
  const [pin, setPin] = useState('');
  return (
    <div className="editor">
      <InlineForm
        submitText="Lưu"
        primary
        busy={busy}
        onSubmit={() => onSave({ activeFrom: from || null, activeTo: to || null, active })}
        after={
          <button type="button" onClick={onCancel}>
            Đóng
          </button>
        }
      >
        <label>
          <span>Làm việc từ ngày</span>
          <DayInput value={from} onChange={setFrom} />
        </label>
        <label>
          <span>Đến ngày</span>
          <DayInput value={to} onChange={setTo} />
        </label>
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          <span>Đang làm việc</span>
        </label>
      </InlineForm>
      {/* The server's Vietnamese message explains a wrong PIN; the browser's tooltip would not. */}
      <InlineForm
        submitText="Đặt lại PIN"
        noValidate
        busy={busy}
        onSubmit={() => {
          onPin(pin);
          setPin('');
        }}
      >
        <label>
          <span>Mã PIN mới (4–8 chữ số)</span>
          <input value={pin} onChange={(e) => setPin(e.target.value)} inputMode="numeric" autoComplete="off" />
        </label>
      </InlineForm>
    </div>
  );
}

export function OfficersTab({ admin }: { admin: boolean }) {
  const officers = useFetch<OfficerOut[]>(useCentreIdPath('/api/v1/officers'));
  const agencies = useFetch<Agency[]>(useCentrePath('/api/v1/agencies'));
  const atCentre = useCentreIdBody();
  const { flash, busy, run } = useAction(officers.reload);
  const [editing, setEditing] = useState<string | null>(null);
  const [photoVersion, setPhotoVersion] = useState(0);
  const [fullName, setFullName] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const all = officers.data ?? [];
  const groups = (agencies.data ?? [])
    .map((agency) => ({ agency, officers: all.filter((o) => o.agencyId === agency.id) }))
    .filter((g) => g.officers.length > 0);
  const officerUrl = (id: string) => `/api/v1/officers/${encodeURIComponent(id)}`;
  return (
    <>
      <p className="muted small">Trong mỗi cơ quan, Phụ lục 2 xếp cán bộ theo thứ tự dưới đây.</p>
      <Message flash={flash} />
      {admin ? (
        <InlineForm
          submitText="Thêm cán bộ"
          primary
          busy={busy}
          onSubmit={() => {
            void run(
              () => api('/api/v1/officers', { method: 'POST', json: { fullName, agencyId, ...atCentre } }),
              `Đã thêm cán bộ “${fullName}”.`,
            ).then((ok) => ok && setFullName(''));
          }}
        >
          <label>
            <span>Họ và tên</span>
            <input value={fullName} onChange={(e) => setFullName(e.target.value)} required />
          </label>
          <ChooseField label="Cơ quan, đơn vị" value={agencyId} options={agencies.data ?? []} onChange={setAgencyId} />
        </InlineForm>
      ) : null}
      {groups.length === 0 ? <p>Chưa có cán bộ nào. Hãy thêm hoặc nhập danh sách từ tệp.</p> : null}
      {groups.map(({ agency, officers: list }) => (
        <div className="table-wrap" key={agency.id}>
          <table className="data officers">
            <caption>{agency.name}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Thứ tự
                </th>
                <th scope="col">Họ và tên</th>
                <th scope="col">Làm việc từ</th>
                <th scope="col">Đến</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">PIN</th>
                {admin ? <th scope="col">Thao tác</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((o, i) => (
                <tr key={o.id}>
                  <td className="num">{i + 1}</td>
                  <th scope="row">
                    {o.fullName}
                    {editing === o.id ? (
                      <OfficerEditor
                        officer={o}
                        busy={busy}
                        onCancel={() => setEditing(null)}
                        onSave={(patch) =>
                          void run(
                            () => api(officerUrl(o.id), { method: 'PATCH', json: patch }),
                            `Đã lưu thông tin của ${o.fullName}.`,
                          )
                        }
                        onPin={(pin) =>
                          void run(
                            () => api(`${officerUrl(o.id)}/pin`, { method: 'POST', json: { pin } }),
                            `Đã đặt lại mã PIN cho ${o.fullName}; kiosk nhận mã mới ở lần đồng bộ sau.`,
                          )
                        }
                      />
                    ) : null}
                    {editing === o.id ? (
                      <OfficerPhotoEditor
                        officer={o}
                        photoUrl={`${officerUrl(o.id)}/photo`}
                        busy={busy}
                        version={photoVersion}
                        onUpload={(file) =>
                          void run(
                            () => api(`${officerUrl(o.id)}/photo`, { method: 'PUT', file }),
                            `Đã lưu ảnh của ${o.fullName}; kiosk hiện ảnh sau lần đồng bộ tới.`,
                          ).then(() => setPhotoVersion((v) => v + 1))
                        }
                        onRemove={() =>
                          void run(
                            () => api(`${officerUrl(o.id)}/photo`, { method: 'DELETE' }),
                            `Đã xoá ảnh của ${o.fullName}.`,
                          ).then(() => setPhotoVersion((v) => v + 1))
                        }
                      />
                    ) : null}
                  </th>
                  <td>{day(o.activeFrom)}</td>
                  <td>{day(o.activeTo)}</td>
                  <td>{o.active ? 'Đang làm việc' : 'Nghỉ'}</td>
                  <td>{o.hasPin ? 'Đã đặt' : 'Chưa đặt'}</td>
                  {admin ? (
                    <td className="actions">
                      <button
                        type="button"
                        disabled={busy || i === 0}
                        aria-label={`Đưa ${o.fullName} lên`}
                        onClick={() =>
                          void run(
                            () => saveOrder(move(list, i, -1), officerUrl),
                            `Đã đổi thứ tự trong ${agency.name}.`,
                          )
                        }
                      >
                        ▲ Lên
                      </button>
                      <button
                        type="button"
                        disabled={busy || i === list.length - 1}
                        aria-label={`Đưa ${o.fullName} xuống`}
                        onClick={() =>
                          void run(() => saveOrder(move(list, i, 1), officerUrl), `Đã đổi thứ tự trong ${agency.name}.`)
                        }
                      >
                        ▼ Xuống
                      </button>
                      <button
                        type="button"
                        aria-label={`Sửa ${o.fullName}`}
                        aria-expanded={editing === o.id}
                        onClick={() => setEditing(editing === o.id ? null : o.id)}
                      >
                        Sửa
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
