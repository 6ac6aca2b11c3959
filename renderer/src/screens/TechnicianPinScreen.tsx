import { PinEntry } from '../components/PinEntry.tsx';
import { useKiosk } from '../store/kiosk-context.ts';

export function TechnicianPinScreen() {
  const busy = useKiosk((s) => s.busy);
  const verifyTechnician = useKiosk((s) => s.verifyTechnician);
  const goIdle = useKiosk((s) => s.goIdle);
  return (
    <main className="screen screen--pin" data-screen="technicianPin">
      <PinEntry
        title="Kỹ thuật viên: nhập mã PIN"
        submitLabel="Xác nhận"
        busy={busy}
        onSubmit={verifyTechnician}
        onBack={goIdle}
      />
    </main>
  );
}
