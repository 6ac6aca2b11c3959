import { useState } from 'react';
import type { CounterAccess, OfficerOut } from '../../../../../shared/contract/server-api.ts';
import type { Agency, Counter } from '../../../../../shared/domain/config.ts';

/** Who may sign in at a counter, in one line for the Counters table. */
export function counterAccessSummary(
  access: CounterAccess | undefined,
  agencies: readonly Agency[],
  officers: readonly OfficerOut[],
): string {
  if (!access || (access.agencyIds.length === 0 && access.officerIds.length === 0)) {
    return 'Chưa gắn cơ quan nào: kiosk của quầy này không nhận cán bộ nào';
  }
  const agencyNames = access.agencyIds.map((id) => agencies.find((a) => a.id === id)?.name ?? id);
  const officerNames = access.officerIds.map((id) => officers.find((o) => o.id === id)?.fullName ?? id);
  return [...agencyNames, ...officerNames.map((name) => `cán bộ ${name}`)].join('; ');
}

/**
 * Edits which agencies a counter serves and which officers are named for it: its kiosk receives
 * only those officers and their PIN hashes (issue 9 item 5).
 */
export function CounterAccessEditor({
  counter,
  access,
  agencies,
  officers,
  busy,
  onSave,
  onClose,
}: {
  counter: Counter;
  access: CounterAccess | undefined;
  agencies: readonly Agency[];
  officers: readonly OfficerOut[];
  busy: boolean;
  onSave: (input: { agencyIds: string[]; officerIds: string[] }) => void;
  onClose: () => void;
}) {
  const [agencyIds, setAgencyIds] = useState<string[]>(access?.agencyIds ?? []);
  const [officerIds, setOfficerIds] = useState<string[]>(access?.officerIds ?? []);
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  // Officers already covered by a chosen agency need no name of their own.
  const others = officers.filter((o) => o.active && !agencyIds.includes(o.agencyId));
  return (
    <form
      className="editor counter-access"
      aria-label={`Ai đăng nhập được tại ${counter.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ agencyIds, officerIds: officerIds.filter((id) => others.some((o) => o.id === id)) });
      }}
    >
      <h3>Ai đăng nhập được tại {counter.name}</h3>
      <p>Kiosk của quầy chỉ nhận danh sách và mã PIN của những cán bộ này.</p>
      <fieldset>
        <legend>Cơ quan, đơn vị quầy phục vụ (mọi cán bộ của cơ quan)</legend>
        <div className="check-list">
          {agencies
            .filter((a) => a.active || agencyIds.includes(a.id))
            .map((a) => (
              <label key={a.id}>
                <input
                  type="checkbox"
                  checked={agencyIds.includes(a.id)}
                  onChange={(e) => setAgencyIds(toggle(agencyIds, a.id, e.target.checked))}
                />
                {a.name}
              </label>
            ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Cán bộ của cơ quan khác được chỉ định thêm</legend>
        {others.length === 0 ? <p>Không còn cán bộ nào ngoài các cơ quan đã chọn.</p> : null}
        <div className="check-list">
          {others.map((o) => (
            <label key={o.id}>
              <input
                type="checkbox"
                checked={officerIds.includes(o.id)}
                onChange={(e) => setOfficerIds(toggle(officerIds, o.id, e.target.checked))}
              />
              {o.fullName} ({o.agencyName})
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="primary" disabled={busy}>
        Lưu
      </button>{' '}
      <button type="button" onClick={onClose}>
        Đóng
      </button>
    </form>
  );
}
