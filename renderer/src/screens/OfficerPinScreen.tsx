import { PinEntry } from '../components/PinEntry.tsx';
import { useKiosk } from '../store/kiosk-context.ts';

export function OfficerPinScreen({ officerId }: { officerId: string }) {
  const officer = useKiosk((s) => s.kiosk?.officers.find((o) => o.id === officerId));
  const busy = useKiosk((s) => s.busy);
  const signIn = useKiosk((s) => s.signIn);
  const go = useKiosk((s) => s.go);
  return (
    <main className="screen screen--pin" data-screen="officerPin">
      <PinEntry
        title={`${officer?.fullName ?? 'Cán bộ'}: nhập mã PIN`}
        submitLabel="Đăng nhập"
        busy={busy}
        onSubmit={(pin) => signIn(officerId, pin)}
        onBack={() => go({ name: 'signIn' })}
      />
    </main>
  );
}
