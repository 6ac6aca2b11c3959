import { useState } from 'react';
import { errorText } from './api.ts';
import type { Flash } from './components/Message.tsx';

/** Runs a write, then reports success or the server's Vietnamese error, and refreshes. */
export function useAction(after: () => void): {
  flash: Flash;
  busy: boolean;
  run: (work: () => Promise<unknown>, success: string) => Promise<boolean>;
} {
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      await work();
      setFlash({ ok: true, text: success });
      return true;
    } catch (failure) {
      setFlash({ ok: false, text: errorText(failure) });
      return false;
    } finally {
      setBusy(false);
      after();
    }
  };
  return { flash, busy, run };
}
