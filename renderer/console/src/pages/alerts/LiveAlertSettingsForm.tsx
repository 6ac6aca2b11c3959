import { useState, type SyntheticEvent } from 'react';
import type { LiveAlertSettings } from '../../../../../shared/contract/centre-settings.ts';
import { api, errorText } from '../../api.ts';
import { Message, type Flash } from '../../components/Message.tsx';
import { formatCount } from '../../format.ts';
import { SettingLevelNote } from '../../components/SettingLevelNote.tsx';
import { useCentreSetting } from '../../use-centre-setting.ts';

const FIELDS: { key: keyof LiveAlertSettings; label: string; min: number; max: number; step: number }[] = [
  { key: 'counterWindowMinutes', label: 'Quầy: xét trong (phút)', min: 1, max: 240, step: 1 },
  { key: 'counterMinRatings', label: 'Quầy: khi có ít nhất (lượt)', min: 1, max: 1000, step: 1 },
  { key: 'counterLowSharePercent', label: 'Quầy: đánh giá thấp từ (%)', min: 1, max: 100, step: 1 },
  { key: 'officerMinServed', label: 'Cán bộ: sau khi phục vụ (phiếu)', min: 1, max: 1000, step: 1 },
  { key: 'officerCoveragePercent', label: 'Cán bộ: tỷ lệ được đánh giá dưới (%)', min: 0, max: 100, step: 1 },
];

/** The thresholds of the live alerts, a centre setting. */
export function LiveAlertSettingsForm() {
  const setting = useCentreSetting<LiveAlertSettings>('/api/v1/console/live-alert-settings', 'liveAlerts');
  const { data } = setting;
  const [edited, setEdited] = useState<Partial<Record<keyof LiveAlertSettings, string>>>({});
  const [flash, setFlash] = useState<Flash>(null);
  if (!data) return null;
  const value = (key: keyof LiveAlertSettings) => edited[key] ?? String(data[key]);
  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    const values = Object.fromEntries(
      FIELDS.map((f) => [f.key, Number(value(f.key).replace(',', '.'))]),
    ) as LiveAlertSettings;
    const bad = FIELDS.find((f) => !Number.isFinite(values[f.key]) || values[f.key] < f.min || values[f.key] > f.max);
    if (bad) {
      setFlash({ ok: false, text: `“${bad.label}” phải là số từ ${bad.min} đến ${formatCount(bad.max)}.` });
      return;
    }
    try {
      await api(setting.at('/api/v1/console/live-alert-settings'), { method: 'PUT', json: values });
      setFlash({ ok: true, text: 'Đã lưu ngưỡng cảnh báo trực tiếp.' });
      setEdited({});
      setting.reload();
    } catch (failure) {
      setFlash({ ok: false, text: errorText(failure) });
    }
  };
  return (
    <form className="card settings" onSubmit={(e) => void save(e)}>
      <h2>Ngưỡng cảnh báo trực tiếp</h2>
      <SettingLevelNote setting={setting} onReset={() => setEdited({})} />
      <div className="fields">
        {FIELDS.map((f) => (
          <label key={f.key}>
            <span>{f.label}</span>
            <input
              type="number"
              inputMode="decimal"
              min={f.min}
              max={f.max}
              step={f.step}
              value={value(f.key)}
              onChange={(e) => setEdited({ ...edited, [f.key]: e.target.value })}
            />
          </label>
        ))}
      </div>
      <button type="submit" className="primary">
        Lưu ngưỡng trực tiếp
      </button>
      <Message flash={flash} />
    </form>
  );
}
