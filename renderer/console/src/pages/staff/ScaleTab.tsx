import { useState } from 'react';
import type { RatingLevel, RatingReason } from '../../../../../shared/domain/config.ts';
import { api } from '../../api.ts';
import { RemovableChips } from '../../components/ActionButton.tsx';
import { AddTextForm } from '../../components/InlineForm.tsx';
import { Message } from '../../components/Message.tsx';
import { useAction } from '../../use-action.ts';
import { useFetch } from '../../use-fetch.ts';

export function ScaleTab({ admin }: { admin: boolean }) {
  const levels = useFetch<RatingLevel[]>('/api/v1/rating-scale');
  const reasons = useFetch<RatingReason[]>('/api/v1/reasons');
  const { flash, busy, run } = useAction(() => {
    levels.reload();
    reasons.reload();
  });
  const [edited, setDraft] = useState<RatingLevel[] | null>(null);
  const draft = edited ?? levels.data ?? [];
  return (
    <>
      <Message flash={flash} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            () => api('/api/v1/rating-scale', { method: 'PUT', json: draft }),
            'Đã lưu thang đánh giá; Phụ lục 2 dùng các cột mới.',
          );
        }}
      >
        <div className="table-wrap">
          <table className="data">
            <caption>Thang đánh giá (tốt nhất trước; mỗi mức là một cột của Phụ lục 2)</caption>
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên hiển thị</th>
                <th scope="col">Mức thấp (hỏi lý do)</th>
              </tr>
            </thead>
            <tbody>
              {draft.map((level, i) => (
                <tr key={level.code}>
                  <td>
                    <code>{level.code}</code>
                  </td>
                  <th scope="row">
                    {admin ? (
                      <input
                        aria-label={`Tên mức ${level.code}`}
                        value={level.label}
                        onChange={(e) => setDraft(draft.map((l, j) => (j === i ? { ...l, label: e.target.value } : l)))}
                      />
                    ) : (
                      level.label
                    )}
                  </th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${level.label} là mức thấp`}
                      checked={level.low}
                      disabled={!admin}
                      onChange={(e) => setDraft(draft.map((l, j) => (j === i ? { ...l, low: e.target.checked } : l)))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {admin ? (
          <button type="submit" className="primary" disabled={busy}>
            Lưu thang đánh giá
          </button>
        ) : null}
      </form>

      <h3>Lý do chưa hài lòng</h3>
      <RemovableChips
        items={reasons.data ?? []}
        itemKey={(r) => r.code}
        itemLabel={(r) => r.label}
        removeLabel={(label) => `Bỏ lý do ${label}`}
        admin={admin}
        onRemove={(r) =>
          void run(
            () =>
              api('/api/v1/reasons', { method: 'PUT', json: (reasons.data ?? []).filter((x) => x.code !== r.code) }),
            `Đã bỏ lý do “${r.label}”.`,
          )
        }
      />
      {admin ? (
        <AddTextForm
          label="Thêm lý do"
          busy={busy}
          onAdd={(reason) => {
            const list = reasons.data ?? [];
            const next = [...list, { code: `ld_${Date.now().toString(36)}`, label: reason, order: list.length + 1 }];
            return run(() => api('/api/v1/reasons', { method: 'PUT', json: next }), `Đã thêm lý do “${reason}”.`);
          }}
        />
      ) : null}
    </>
  );
}
