import { useState } from 'react';
import type { Counter } from '../../../../../shared/domain/config.ts';
import type { DeviceSummary } from '../../../../../shared/contract/server-api.ts';
import { api } from '../../api.ts';
import { SettingLevelNote } from '../../components/SettingLevelNote.tsx';
import { useCentreSetting } from '../../use-centre-setting.ts';

/** What a kiosk does, as the Kiosks page says it. */
export function roleLabel(device: DeviceSummary, counters: readonly Counter[]): string {
  if (device.role === 'entrance') return 'Lối vào (lấy số mọi dịch vụ)';
  if (device.role === 'counter') {
    const counter = counters.find((c) => c.id === device.counterId);
    return `Tại quầy: ${counter ? `${counter.number} – ${counter.name}` : (device.counterId ?? '?')}`;
  }
  return 'Chưa gán (kiosk đang chờ)';
}

type VoiceChoice = 'kiosk' | 'on' | 'off';
const voiceChoice = (value: boolean | null): VoiceChoice => (value === null ? 'kiosk' : value ? 'on' : 'off');

/** How the Kiosks page lists a kiosk's spoken rating invitation. */
export function ratingVoiceLabel(device: DeviceSummary): string {
  if (device.ratingVoice === null) return 'theo kiosk (kỹ thuật viên đặt)';
  return device.ratingVoice ? 'bật' : 'tắt';
}

/**
 * An admin sets a kiosk's role, counter, printer and spoken rating invitation (PATCH /api/v1/devices/:id); the kiosk
 * takes them at its next sync, within seconds. The server checks every field again.
 */
export function KioskAssignmentForm(props: {
  device: DeviceSummary;
  counters: readonly Counter[];
  busy: boolean;
  run: (work: () => Promise<unknown>, success: string) => Promise<boolean>;
}) {
  const { device, counters } = props;
  const [role, setRole] = useState<'counter' | 'entrance'>(device.role ?? 'counter');
  const [counterId, setCounterId] = useState(device.counterId ?? counters[0]?.id ?? '');
  const [printerUrl, setPrinterUrl] = useState(device.assignedPrinter?.url ?? '');
  const [paperWidth, setPaperWidth] = useState<58 | 80>(device.assignedPrinter?.paperWidth === 58 ? 58 : 80);
  const [voice, setVoice] = useState<VoiceChoice>(voiceChoice(device.ratingVoice));
  const id = `assign-${device.id}`;
  const save = () =>
    void props.run(
      () =>
        api(`/api/v1/devices/${encodeURIComponent(device.id)}`, {
          method: 'PATCH',
          json: {
            role,
            ...(role === 'counter' ? { counterId } : {}),
            printer: printerUrl.trim() === '' ? null : { url: printerUrl.trim(), paperWidth },
            ratingVoice: voice === 'kiosk' ? null : voice === 'on',
          },
        }),
      `Đã lưu phân công cho ${device.name}; kiosk nhận ở lần đồng bộ sau (vài giây).`,
    );
  return (
    <fieldset className="kiosk-assign" aria-label={`Phân công ${device.name}`}>
      <label htmlFor={`${id}-role`}>Vai trò</label>
      <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as 'counter' | 'entrance')}>
        <option value="counter">Tại quầy</option>
        <option value="entrance">Lối vào</option>
      </select>
      {role === 'counter' ? (
        <>
          <label htmlFor={`${id}-counter`}>Quầy</label>
          <select id={`${id}-counter`} value={counterId} onChange={(e) => setCounterId(e.target.value)}>
            {counters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.number} – {c.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label htmlFor={`${id}-printer`}>Máy in (tcp://máy:cổng, /dev/usb/lp0; để trống: theo kiosk)</label>
      <input id={`${id}-printer`} value={printerUrl} onChange={(e) => setPrinterUrl(e.target.value)} />
      <label htmlFor={`${id}-paper`}>Khổ giấy</label>
      <select id={`${id}-paper`} value={paperWidth} onChange={(e) => setPaperWidth(e.target.value === '58' ? 58 : 80)}>
        <option value={80}>80 mm</option>
        <option value={58}>58 mm</option>
      </select>
      <label htmlFor={`${id}-voice`}>Lời mời đánh giá bằng giọng nói</label>
      <select id={`${id}-voice`} value={voice} onChange={(e) => setVoice(e.target.value as VoiceChoice)}>
        <option value="kiosk">Theo kiosk (kỹ thuật viên đặt)</option>
        <option value="on">Bật</option>
        <option value="off">Tắt</option>
      </select>
      <button type="button" className="primary" disabled={props.busy} onClick={save}>
        Lưu phân công
      </button>
    </fieldset>
  );
}

/** The centre's technician PIN: set here, delivered hashed to every kiosk. */
export function TechnicianPinForm(props: {
  busy: boolean;
  run: (work: () => Promise<unknown>, success: string) => Promise<boolean>;
}) {
  const [pin, setPin] = useState('');
  const setting = useCentreSetting<{ set: boolean }>('/api/v1/centre/technician-pin', 'technicianPin');
  return (
    <section className="card" aria-labelledby="h-technician-pin">
      <h2 id="h-technician-pin">Mã PIN kỹ thuật viên</h2>
      <SettingLevelNote setting={setting} />
      <p className="small muted">
        Dùng cho màn hình kỹ thuật và đăng ký lại kiosk sang máy chủ khác. Mọi kiosk nhận bản băm ở lần đồng bộ sau.
      </p>
      <label htmlFor="technician-pin">Mã PIN mới (6–8 chữ số)</label>
      <input
        id="technician-pin"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        value={pin}
        onChange={(e) => setPin(e.target.value)}
      />
      <button
        type="button"
        className="primary"
        disabled={props.busy}
        onClick={() =>
          void props
            .run(
              () => api(setting.at('/api/v1/centre/technician-pin'), { method: 'PUT', json: { pin } }),
              'Đã đặt mã PIN kỹ thuật viên.',
            )
            .then((ok) => {
              if (!ok) return;
              setPin('');
              setting.reload();
            })
        }
      >
        Đặt mã PIN
      </button>
    </section>
  );
}
