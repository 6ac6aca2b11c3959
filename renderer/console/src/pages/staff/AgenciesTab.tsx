import type { Agency } from '../../../../../shared/domain/config.ts';
import { api } from '../../api.ts';
import { AddTextForm } from '../../components/InlineForm.tsx';
import { Message } from '../../components/Message.tsx';
import { SettingLevelNote } from '../../components/SettingLevelNote.tsx';
import { useAction } from '../../use-action.ts';
import { useCentreSetting } from '../../use-centre-setting.ts';

/** Writes the new order as 1, 2, 3 … touching only the rows whose number changes. */
export async function saveOrder(items: readonly { id: string; order: number }[], url: (id: string) => string) {
  for (const [index, item] of items.entries()) {
    if (item.order !== index + 1) await api(url(item.id), { method: 'PATCH', json: { order: index + 1 } });
  }
}

export function move<T>(items: T[], index: number, delta: number): T[] {
  const next = [...items];
  const target = index + delta;
  if (target < 0 || target >= next.length) return next;
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

export function AgenciesTab({ admin }: { admin: boolean }) {
  // The names are the province's; the order is the selected centre's own or the province's.
  const setting = useCentreSetting<Agency[]>('/api/v1/agencies', 'agencyOrder');
  const { data, reload } = setting;
  const { flash, busy, run } = useAction(reload);
  const agencies = data ?? [];
  const shift = (index: number, delta: number) =>
    void run(
      () => saveOrder(move(agencies, index, delta), (id) => setting.at(`/api/v1/agencies/${encodeURIComponent(id)}`)),
      'Đã đổi thứ tự cơ quan, đơn vị. Phụ lục 2 in theo thứ tự mới.',
    );
  return (
    <>
      <p className="muted small">
        Phụ lục 2 xếp các nhóm dòng theo thứ tự này. Tên và trạng thái là của tỉnh; mỗi trung tâm có thể đặt thứ tự
        riêng.
      </p>
      <SettingLevelNote setting={setting} />
      <Message flash={flash} />
      <div className="table-wrap">
        <table className="data">
          <caption>Cơ quan, đơn vị theo thứ tự chính thức</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Thứ tự
              </th>
              <th scope="col">Tên</th>
              <th scope="col">Trạng thái</th>
              {admin ? <th scope="col">Sắp xếp</th> : null}
            </tr>
          </thead>
          <tbody>
            {agencies.map((a, i) => (
              <tr key={a.id}>
                <td className="num">{i + 1}</td>
                <th scope="row">{a.name}</th>
                <td>{a.active ? 'Đang hoạt động' : 'Ngừng'}</td>
                {admin ? (
                  <td className="actions">
                    <button
                      type="button"
                      disabled={busy || i === 0}
                      onClick={() => shift(i, -1)}
                      aria-label={`Đưa ${a.name} lên`}
                    >
                      ▲ Lên
                    </button>
                    <button
                      type="button"
                      disabled={busy || i === agencies.length - 1}
                      onClick={() => shift(i, 1)}
                      aria-label={`Đưa ${a.name} xuống`}
                    >
                      ▼ Xuống
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? (
        <AddTextForm
          label="Thêm cơ quan, đơn vị"
          primary
          busy={busy}
          onAdd={(name) =>
            run(
              () => api('/api/v1/agencies', { method: 'POST', json: { name, order: agencies.length + 1 } }),
              `Đã thêm “${name}”.`,
            )
          }
        />
      ) : null}
    </>
  );
}
