import { useState } from 'react';
import type { ReportFraming } from '../../../../../shared/domain/report-framing.ts';
import { api } from '../../api.ts';
import { Message } from '../../components/Message.tsx';
import { useAction } from '../../use-action.ts';
import { useCentre } from '../../centre-store.ts';
import { SettingLevelNote } from '../../components/SettingLevelNote.tsx';
import { useCentreSetting } from '../../use-centre-setting.ts';
import { useFetch } from '../../use-fetch.ts';

const TEXT_FIELDS: { key: Exclude<keyof ReportFraming, 'annexAlign'>; label: string; hint?: string }[] = [
  { key: 'annexLabel', label: 'Nhãn phụ lục', hint: 'Phụ lục 2' },
  { key: 'issuingBody', label: 'Cơ quan chủ quản (dòng trên tên trung tâm)', hint: 'UBND tỉnh Bắc Kạn' },
  { key: 'place', label: 'Địa danh ở dòng ngày tháng', hint: 'Bắc Kạn' },
  { key: 'preparerTitle', label: 'Chức danh người lập biểu' },
  { key: 'preparerName', label: 'Họ tên người lập biểu' },
  { key: 'approverTitle', label: 'Chức danh người ký duyệt' },
  { key: 'approverName', label: 'Họ tên người ký duyệt' },
];

/** The centre's name and the annex framing every export prints (issue 10). */
export function ReportFramingForm({ onSaved }: { onSaved: () => void }) {
  const framing = useCentreSetting<ReportFraming>('/api/v1/reports/framing', 'reportFraming');
  // The name of the chosen centre (none chosen: one's own, or the first).
  const chosen = useCentre();
  const centrePath = chosen ? `/api/v1/centre?centreId=${chosen.id}` : '/api/v1/centre';
  const centre = useFetch<{ centreName: string }>(centrePath);
  // Edits in progress; null: show what the server holds.
  const [edited, setDraft] = useState<ReportFraming | null>(null);
  const [editedName, setCentreName] = useState<string | null>(null);
  const draft = edited ?? framing.data;
  const centreName = editedName ?? centre.data?.centreName ?? '';
  const action = useAction(() => {
    framing.reload();
    centre.reload();
    onSaved();
  });

  return (
    <section className="card" aria-labelledby="h-framing">
      <h2 id="h-framing">Tên trung tâm và khung phụ lục</h2>
      <form
        className="framing-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => api(centrePath, { method: 'PUT', json: { centreName } }), 'Đã lưu tên trung tâm.');
        }}
      >
        <label>
          <span>Tên trung tâm</span>
          <input value={centreName} onChange={(e) => setCentreName(e.target.value)} required maxLength={200} />
        </label>
        <button type="submit" disabled={action.busy}>
          Lưu tên trung tâm
        </button>
      </form>
      {draft ? (
        <>
          <SettingLevelNote setting={framing} onReset={() => setDraft(null)} />
          <form
            className="framing-form"
            onSubmit={(e) => {
              e.preventDefault();
              void action.run(
                () => api(framing.at('/api/v1/reports/framing'), { method: 'PUT', json: draft }),
                'Đã lưu khung phụ lục.',
              );
            }}
          >
            {TEXT_FIELDS.map((field) => (
              <label key={field.key}>
                <span>{field.label}</span>
                <input
                  value={draft[field.key]}
                  placeholder={field.hint}
                  onChange={(e) => setDraft({ ...draft, [field.key]: e.target.value })}
                />
              </label>
            ))}
            <label>
              <span>Vị trí nhãn phụ lục</span>
              <select
                value={draft.annexAlign}
                onChange={(e) => setDraft({ ...draft, annexAlign: e.target.value === 'center' ? 'center' : 'right' })}
              >
                <option value="right">Góc phải, trên tiêu đề</option>
                <option value="center">Giữa, trên tiêu đề</option>
              </select>
            </label>
            <button type="submit" className="primary" disabled={action.busy}>
              Lưu khung phụ lục
            </button>
          </form>
        </>
      ) : null}
      <Message flash={action.flash} />
    </section>
  );
}
