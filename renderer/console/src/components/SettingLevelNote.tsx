import { isAdminRole } from '../../../../shared/contract/console-api.ts';
import { api } from '../api.ts';
import { useSession } from '../session-store.ts';
import { useAction } from '../use-action.ts';
import type { CentreSetting } from '../use-centre-setting.ts';
import { Message } from './Message.tsx';

export const PROVINCE_DEFAULT_NOTE = 'Đang sửa mặc định của tỉnh; các trung tâm chưa đặt riêng sẽ theo giá trị này.';

/**
 * Under a settings section's title: whose value the form shows (issue 13). The province default
 * is said plainly; a centre's value is its own or inherited, and its own can be dropped.
 */
export function SettingLevelNote({ setting, onReset }: { setting: CentreSetting<unknown>; onReset?: () => void }) {
  const role = useSession((s) => s.session?.role);
  const action = useAction(() => {
    setting.reload();
    onReset?.();
  });
  if (setting.level === null || setting.source === null) return null;
  if (setting.level === 'province') return <p className="setting-level muted">{PROVINCE_DEFAULT_NOTE}</p>;
  const own = setting.source === 'centre';
  return (
    <div className="setting-level">
      <span className={own ? 'source' : 'source inherited'}>
        {own ? 'Riêng của trung tâm' : 'Theo mặc định của tỉnh'}
      </span>
      {own && isAdminRole(role) ? (
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(
              () => api(setting.at(`/api/v1/centre-settings/${setting.name}`), { method: 'DELETE' }),
              'Trung tâm đã dùng lại mặc định của tỉnh.',
            )
          }
        >
          Dùng lại mặc định của tỉnh
        </button>
      ) : null}
      <Message flash={action.flash} />
    </div>
  );
}
