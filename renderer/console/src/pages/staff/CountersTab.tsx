import { useState } from 'react';
import type { CounterAccess, OfficerOut } from '../../../../../shared/contract/server-api.ts';
import type { Agency, Counter } from '../../../../../shared/domain/config.ts';
import type { PriorityCategory, QueueService } from '../../../../../shared/domain/queue-config.ts';
import { api } from '../../api.ts';
import { ActionButton, RemovableChips } from '../../components/ActionButton.tsx';
import { AddTextForm, ChooseField, InlineForm } from '../../components/InlineForm.tsx';
import { Message } from '../../components/Message.tsx';
import { SettingLevelNote } from '../../components/SettingLevelNote.tsx';
import { formatCount } from '../../format.ts';
import { useCentreIdBody, useCentreIdPath, useCentrePath } from '../../centre-store.ts';
import { useAction } from '../../use-action.ts';
import { useCentreSetting } from '../../use-centre-setting.ts';
import { useFetch } from '../../use-fetch.ts';
import { CounterAccessEditor, counterAccessSummary } from './CounterAccessEditor.tsx';

export function CountersTab({ admin }: { admin: boolean }) {
  const { data, reload } = useFetch<Counter[]>(useCentreIdPath('/api/v1/counters'));
  const access = useFetch<CounterAccess[]>(useCentreIdPath('/api/v1/counters/access'));
  const agencies = useFetch<Agency[]>(useCentrePath('/api/v1/agencies'));
  const officers = useFetch<OfficerOut[]>(useCentreIdPath('/api/v1/officers'));
  const atCentre = useCentreIdBody();
  const { flash, busy, run } = useAction(() => {
    reload();
    access.reload();
  });
  const [number, setNumber] = useState('');
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const accessOf = (id: string) => access.data?.find((a) => a.counterId === id);
  const editedCounter = (data ?? []).find((c) => c.id === editing);
  return (
    <>
      <Message flash={flash} />
      <div className="table-wrap">
        <table className="data">
          <caption>Quầy</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Số quầy
              </th>
              <th scope="col">Tên hiển thị</th>
              <th scope="col">Ai đăng nhập được</th>
              {admin ? <th scope="col">Thao tác</th> : null}
            </tr>
          </thead>
          <tbody>
            {(data ?? []).map((c) => (
              <tr key={c.id}>
                <td className="num">{c.number}</td>
                <th scope="row">{c.name}</th>
                <td>{counterAccessSummary(accessOf(c.id), agencies.data ?? [], officers.data ?? [])}</td>
                {admin ? (
                  <td className="actions">
                    <button
                      type="button"
                      aria-label={`Chọn ai đăng nhập được tại ${c.name}`}
                      onClick={() => setEditing(c.id)}
                    >
                      Ai đăng nhập
                    </button>
                    <ActionButton
                      busy={busy}
                      label={`Xoá ${c.name}`}
                      onClick={() =>
                        void run(
                          () => api(`/api/v1/counters/${encodeURIComponent(c.id)}`, { method: 'DELETE' }),
                          `Đã xoá ${c.name}; các đánh giá đã ghi được giữ nguyên.`,
                        )
                      }
                    >
                      Xoá
                    </ActionButton>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin && editedCounter && access.data ? (
        <CounterAccessEditor
          key={editedCounter.id}
          counter={editedCounter}
          access={accessOf(editedCounter.id)}
          agencies={agencies.data ?? []}
          officers={officers.data ?? []}
          busy={busy}
          onClose={() => setEditing(null)}
          onSave={(input) =>
            void run(
              () =>
                api(`/api/v1/counters/${encodeURIComponent(editedCounter.id)}/access`, { method: 'PUT', json: input }),
              `Đã lưu ai đăng nhập được tại ${editedCounter.name}; kiosk của quầy nhận ở lần đồng bộ sau.`,
            )
          }
        />
      ) : null}
      {admin ? (
        <InlineForm
          submitText="Thêm quầy"
          primary
          busy={busy}
          onSubmit={() => {
            const n = Number(number);
            void run(
              () =>
                api('/api/v1/counters', {
                  method: 'POST',
                  json: { number: n, name: name || `Quầy số ${n}`, ...atCentre },
                }),
              `Đã thêm quầy số ${n}.`,
            ).then((ok) => {
              if (ok) {
                setNumber('');
                setName('');
              }
            });
          }}
        >
          <label>
            <span>Số quầy</span>
            <input
              type="number"
              min={1}
              max={999}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              required
            />
          </label>
          <label>
            <span>Tên hiển thị</span>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Quầy số …" />
          </label>
        </InlineForm>
      ) : null}
    </>
  );
}

export function ServicesTab({ admin }: { admin: boolean }) {
  // Services and priority categories are one setting (the queue document) of the selected centre.
  const services = useCentreSetting<QueueService[]>('/api/v1/services', 'queue');
  const counters = useFetch<Counter[]>(useCentreIdPath('/api/v1/counters'));
  const priorities = useCentreSetting<PriorityCategory[]>('/api/v1/priority-categories', 'queue');
  const { flash, busy, run } = useAction(() => {
    services.reload();
    priorities.reload();
  });
  const [form, setForm] = useState({ name: '', counterId: '', prefix: '', start: '1001', end: '1999' });
  const counterName = (id: string) => counters.data?.find((c) => c.id === id)?.name ?? id;
  const list = services.data ?? [];
  return (
    <>
      <SettingLevelNote setting={services} onReset={priorities.reload} />
      <Message flash={flash} />
      <div className="table-wrap">
        <table className="data">
          <caption>Dịch vụ (lĩnh vực) cấp số thứ tự</caption>
          <thead>
            <tr>
              <th scope="col">Tên dịch vụ</th>
              <th scope="col">Quầy</th>
              <th scope="col">Dải số</th>
              <th scope="col" className="num">
                Tối đa mỗi ngày
              </th>
              {admin ? <th scope="col">Thao tác</th> : null}
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{counterName(s.counterId)}</td>
                <td>
                  {s.prefix}
                  {s.start} – {s.prefix}
                  {s.end}
                </td>
                <td className="num">{formatCount(s.dailyCap)}</td>
                {admin ? (
                  <td className="actions">
                    <ActionButton
                      busy={busy}
                      label={`Xoá dịch vụ ${s.name}`}
                      onClick={() =>
                        void run(
                          () => api(services.at(`/api/v1/services/${encodeURIComponent(s.id)}`), { method: 'DELETE' }),
                          `Đã xoá dịch vụ ${s.name}.`,
                        )
                      }
                    >
                      Xoá
                    </ActionButton>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? (
        <InlineForm
          submitText="Thêm dịch vụ"
          primary
          busy={busy}
          onSubmit={() => {
            const id = `dv-${Date.now().toString(36)}`;
            const start = Number(form.start);
            const end = Number(form.end);
            const body = {
              id,
              counterId: form.counterId,
              name: form.name,
              prefix: form.prefix,
              start,
              end,
              step: 1,
              dailyCap: Math.max(1, end - start + 1),
              order: list.length + 1,
            };
            void run(
              () => api(services.at(`/api/v1/services/${id}`), { method: 'PUT', json: body }),
              `Đã thêm dịch vụ ${form.name}.`,
            ).then((ok) => ok && setForm({ ...form, name: '' }));
          }}
        >
          <label>
            <span>Tên dịch vụ</span>
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </label>
          <ChooseField
            label="Quầy"
            value={form.counterId}
            options={counters.data ?? []}
            onChange={(counterId) => setForm({ ...form, counterId })}
          />
          <label>
            <span>Tiền tố</span>
            <input
              value={form.prefix}
              maxLength={1}
              size={2}
              onChange={(e) => setForm({ ...form, prefix: e.target.value.toUpperCase() })}
            />
          </label>
          <label>
            <span>Số đầu</span>
            <input type="number" value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} />
          </label>
          <label>
            <span>Số cuối</span>
            <input type="number" value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} />
          </label>
        </InlineForm>
      ) : null}

      <h3>Đối tượng ưu tiên</h3>
      <RemovableChips
        items={priorities.data ?? []}
        itemKey={(p) => p.code}
        itemLabel={(p) => p.label}
        removeLabel={(label) => `Bỏ ${label}`}
        admin={admin}
        onRemove={(p) =>
          void run(
            () =>
              api(priorities.at('/api/v1/priority-categories'), {
                method: 'PUT',
                json: (priorities.data ?? []).filter((x) => x.code !== p.code),
              }),
            `Đã bỏ “${p.label}”.`,
          )
        }
      />
      {admin ? (
        <AddTextForm
          label="Thêm đối tượng ưu tiên"
          busy={busy}
          onAdd={(priority) => {
            const list = priorities.data ?? [];
            const next = [...list, { code: `ut_${Date.now().toString(36)}`, label: priority, order: list.length + 1 }];
            return run(
              () => api(priorities.at('/api/v1/priority-categories'), { method: 'PUT', json: next }),
              `Đã thêm “${priority}”.`,
            );
          }}
        />
      ) : null}
    </>
  );
}
