import { useState, type SyntheticEvent } from 'react';
import type { AlertSettings, AlertsReport } from '../../../../shared/contract/console-api.ts';
import { api, errorText } from '../api.ts';
import { formatCount, formatDayVi, percent } from '../format.ts';
import { useFetch } from '../use-fetch.ts';
import { useCentreQuery, useSelectedCentre } from '../centre-store.ts';
import { SettingLevelNote } from '../components/SettingLevelNote.tsx';
import { useCentreSetting } from '../use-centre-setting.ts';
import { AttributionSection } from './alerts/AttributionSection.tsx';
import { LiveAlertSettingsForm } from './alerts/LiveAlertSettingsForm.tsx';
import { LiveAlertsSection } from './alerts/LiveAlertsSection.tsx';

const FIELDS: { key: keyof AlertSettings; label: string; min: number; max: number; step: number }[] = [
  { key: 'days', label: 'Số ngày gần nhất', min: 1, max: 366, step: 1 },
  { key: 'lowSharePercent', label: 'Tỷ lệ đánh giá thấp từ (%)', min: 0, max: 100, step: 0.5 },
  { key: 'coveragePercent', label: 'Tỷ lệ được đánh giá dưới (%)', min: 0, max: 100, step: 0.5 },
  { key: 'minRatings', label: 'Chỉ xét khi có ít nhất (lượt)', min: 1, max: 100000, step: 1 },
];

export default function AlertsPage() {
  const [tick, setTick] = useState(0);
  const { data, error } = useFetch<AlertsReport>(`/api/v1/console/alerts?${useCentreQuery({ v: String(tick) })}`);
  const setting = useCentreSetting<AlertSettings>('/api/v1/console/alert-settings', 'alerts');
  const code = useSelectedCentre((s) => s.code);
  // A draft belongs to the centre it was typed for.
  const [draft, setDraft] = useState<{ code: string | null; form: Record<keyof AlertSettings, string> } | null>(null);
  const edited = draft?.code === code ? draft.form : null;
  const setForm = (form: Record<keyof AlertSettings, string> | null) => setDraft(form ? { code, form } : null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Until the person types, the fields show the thresholds in force.
  const form =
    edited ??
    (setting.data
      ? {
          days: String(setting.data.days),
          lowSharePercent: String(setting.data.lowSharePercent),
          coveragePercent: String(setting.data.coveragePercent),
          minRatings: String(setting.data.minRatings),
        }
      : null);
  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!form) return;
    const values = Object.fromEntries(
      FIELDS.map((f) => [f.key, Number(form[f.key].replace(',', '.'))]),
    ) as AlertSettings;
    const bad = FIELDS.find((f) => !Number.isFinite(values[f.key]) || values[f.key] < f.min || values[f.key] > f.max);
    if (bad) {
      setMessage({ ok: false, text: `“${bad.label}” phải là số từ ${bad.min} đến ${formatCount(bad.max)}.` });
      return;
    }
    try {
      await api(setting.at('/api/v1/console/alert-settings'), { method: 'PUT', json: values });
      setMessage({ ok: true, text: 'Đã lưu ngưỡng cảnh báo.' });
      setForm(null);
      setting.reload();
      setTick((n) => n + 1);
    } catch (failure) {
      setMessage({ ok: false, text: errorText(failure) });
    }
  };
  return (
    <>
      <LiveAlertsSection />
      <LiveAlertSettingsForm key={code ?? ''} />
      {form ? (
        <form className="card settings" onSubmit={(e) => void save(e)}>
          <h2>Ngưỡng cảnh báo</h2>
          <SettingLevelNote
            setting={setting}
            onReset={() => {
              setForm(null);
              setTick((n) => n + 1);
            }}
          />
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
                  value={form[f.key]}
                  onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                />
              </label>
            ))}
          </div>
          <button type="submit" className="primary">
            Lưu và xem lại
          </button>
          {message ? (
            <p className={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          ) : null}
        </form>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {data ? (
        <section className="card" aria-labelledby="h-alerts">
          <h2 id="h-alerts">
            Cán bộ cần chú ý (từ {formatDayVi(data.from)} đến {formatDayVi(data.to)})
          </h2>
          {data.rows.length === 0 ? (
            <p>Không có cán bộ nào vượt ngưỡng trong {formatCount(data.settings.days)} ngày gần nhất.</p>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <caption>
                  Tỷ lệ đánh giá thấp từ {percent(data.settings.lowSharePercent)} hoặc tỷ lệ được đánh giá dưới{' '}
                  {percent(data.settings.coveragePercent)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Họ và tên</th>
                    <th scope="col">Cơ quan, đơn vị</th>
                    <th scope="col">Cảnh báo</th>
                    <th scope="col" className="num">
                      Lượt đánh giá
                    </th>
                    <th scope="col" className="num">
                      Đánh giá thấp
                    </th>
                    <th scope="col" className="num">
                      Tỷ lệ thấp
                    </th>
                    <th scope="col" className="num">
                      Phiếu đã phục vụ
                    </th>
                    <th scope="col" className="num">
                      Được đánh giá
                    </th>
                    <th scope="col" className="num">
                      Tỷ lệ được đánh giá
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.officerId}>
                      <th scope="row">{row.fullName}</th>
                      <td>{row.agencyName}</td>
                      <td>
                        {row.reasons.map((r) => (
                          <span key={r} className="badge warn">
                            {r === 'low_share' ? 'Nhiều đánh giá thấp' : 'Ít được đánh giá'}
                          </span>
                        ))}
                      </td>
                      <td className="num">{formatCount(row.ratings)}</td>
                      <td className="num">{formatCount(row.lowRatings)}</td>
                      <td className="num">{percent(row.lowSharePercent)}</td>
                      <td className="num">{formatCount(row.ticketsServed)}</td>
                      <td className="num">{formatCount(row.ticketRatings)}</td>
                      <td className="num">{percent(row.coveragePercent)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
      <AttributionSection />
    </>
  );
}
