import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KioskApi } from '../../../shared/contract/dispatch.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';
import type { KioskTransport } from '../api/index.ts';
import type { Screen } from './screen.ts';

/** An action's outcome for the screen that started it: null, or the Vietnamese message to show. */
export type ActionError = string | null;

export interface KioskStore {
  /** The latest state from the kiosk core; null until the first copy arrives. */
  kiosk: KioskState | null;
  connected: boolean;
  screen: Screen;
  /** A call is in flight: buttons that would start another are ignored. */
  busy: boolean;
  /** The contract itself, for screens whose calls need no shared state. */
  invoke: KioskApi['invoke'];
  go: (screen: Screen) => void;
  goIdle: () => void;
  submitRating: (level: string) => Promise<void>;
  /** `Bỏ qua`: the citizen declines to rate the finished ticket; the funnel records it. */
  declineRating: () => Promise<void>;
  sendReasons: (reasons: string[]) => Promise<void>;
  signIn: (officerId: string, pin: string) => Promise<ActionError>;
  signOut: (pin: string) => Promise<ActionError>;
  verifyTechnician: (pin: string) => Promise<ActionError>;
  setCounter: (counterId: string) => Promise<void>;
  setRatingVoice: (on: boolean) => Promise<void>;
  exitKiosk: () => Promise<void>;
}

export type KioskStoreApi = StoreApi<KioskStore>;

export function createKioskStore(transport: KioskTransport): KioskStoreApi {
  const { api } = transport;
  // After a reconnect the core may have restarted with its revision counter back at zero.
  let acceptAnyRevision = true;

  // The rating last tapped, being written: its id once stored, null if the core refused it.
  let lastRating: Promise<string | null> = Promise.resolve(null);

  const store = createStore<KioskStore>()((set, get) => {
    /**
     * Runs one call with the busy flag held, so a double tap cannot send it twice. The screen
     * change and the release of the flag are one update: one render, not two, after each call.
     */
    const exclusive = async (run: () => Promise<Screen | null>): Promise<void> => {
      if (get().busy) return;
      set({ busy: true });
      let screen: Screen | null = null;
      try {
        screen = await run();
      } finally {
        set(screen ? { busy: false, screen } : { busy: false });
      }
    };

    return {
      kiosk: null,
      connected: true,
      screen: { name: 'idle' },
      busy: false,
      invoke: (channel, input) => api.invoke(channel, input),
      go: (screen) => set({ screen }),
      goIdle: () => set({ screen: { name: 'idle' } }),

      async submitRating(level) {
        const { kiosk, busy, screen } = get();
        if (busy) return;
        const ticketId = screen.name === 'rating' ? screen.ticketId : undefined;
        const low = kiosk?.ratingLevels.find((l) => l.code === level)?.low ?? false;
        const next: Screen = low && (kiosk?.ratingReasons.length ?? 0) > 0 ? { name: 'reasons' } : { name: 'thanks' };
        // With an officer on duty the core accepts any level of its own scale, so the next
        // screen shows at the tap while the rating is written; it turns back only on a refusal.
        // Without one the refusal is the expected answer: wait for it rather than thank first.
        const immediate = kiosk?.officer != null;
        set(immediate ? { busy: true, screen: next } : { busy: true });
        const pending = api.invoke('ratings:submit', ticketId === undefined ? { level } : { level, ticketId });
        lastRating = pending.then((r) => (r.ok ? r.value.ratingId : null));
        const result = await pending;
        if (result.ok) {
          set(immediate ? { busy: false } : { busy: false, screen: next });
          return;
        }
        const shown = get().screen.name;
        const stillHere = !immediate || shown === next.name;
        set(
          stillHere
            ? {
                busy: false,
                screen: { name: 'rating', ...(ticketId !== undefined && { ticketId }), error: result.error.message },
              }
            : { busy: false },
        );
      },

      async declineRating() {
        await exclusive(async () => {
          const screen = get().screen;
          if (screen.name !== 'rating' || screen.ticketId === undefined) return { name: 'idle' };
          // Whatever the core answers (the window may have just closed), the citizen leaves the screen.
          await api.invoke('ratings:decline', { ticketId: screen.ticketId });
          return { name: 'idle' };
        });
      },

      async sendReasons(reasons) {
        await exclusive(async () => {
          const ratingId = await lastRating;
          // A refused rating has already replaced this screen with its message.
          if (ratingId === null) return null;
          const result = await api.invoke('ratings:addReasons', { ratingId, reasons });
          return result.ok ? { name: 'thanks' } : { name: 'reasons', error: result.error.message };
        });
      },

      async signIn(officerId, pin) {
        let error: ActionError = null;
        await exclusive(async () => {
          const result = await api.invoke('officer:signIn', { officerId, pin });
          if (result.ok) return { name: 'idle' };
          error = result.error.message;
          return null;
        });
        return error;
      },

      async signOut(pin) {
        let error: ActionError = null;
        await exclusive(async () => {
          const result = await api.invoke('officer:signOut', { pin });
          if (result.ok) return { name: 'idle' };
          error = result.error.message;
          return null;
        });
        return error;
      },

      async verifyTechnician(pin) {
        let error: ActionError = null;
        await exclusive(async () => {
          const result = await api.invoke('technician:verifyPin', { pin });
          if (result.ok) return { name: 'technician', pin };
          error = result.error.message;
          return null;
        });
        return error;
      },

      async setCounter(counterId) {
        const screen = get().screen;
        if (screen.name !== 'technician') return;
        await exclusive(async () => {
          const result = await api.invoke('technician:setCounter', { pin: screen.pin, counterId });
          const counter = get().kiosk?.counters.find((c) => c.id === counterId);
          return result.ok
            ? { name: 'technician', pin: screen.pin, notice: `Đã chuyển kiosk sang ${counter?.name ?? 'quầy mới'}.` }
            : { name: 'technician', pin: screen.pin, error: result.error.message };
        });
      },

      async setRatingVoice(on) {
        const screen = get().screen;
        if (screen.name !== 'technician') return;
        await exclusive(async () => {
          const result = await api.invoke('technician:setRatingVoice', { pin: screen.pin, on });
          return result.ok
            ? {
                name: 'technician',
                pin: screen.pin,
                notice: on ? 'Đã bật lời mời đánh giá bằng giọng nói.' : 'Đã tắt lời mời đánh giá bằng giọng nói.',
              }
            : { name: 'technician', pin: screen.pin, error: result.error.message };
        });
      },

      async exitKiosk() {
        const screen = get().screen;
        if (screen.name !== 'technician') return;
        await exclusive(async () => {
          const result = await api.invoke('technician:exitKiosk', { pin: screen.pin });
          return result.ok
            ? { name: 'technician', pin: screen.pin, notice: 'Đang thoát chế độ kiosk…' }
            : { name: 'technician', pin: screen.pin, error: result.error.message };
        });
      },
    };
  });

  const acceptState = (state: KioskState): void => {
    const current = store.getState().kiosk;
    // Copies can arrive out of order (the push stream and a direct read): keep the newest.
    if (!acceptAnyRevision && current && state.revision < current.revision) return;
    acceptAnyRevision = false;
    store.setState({ kiosk: state });
  };
  api.onStateChanged(acceptState);
  transport.onConnectionChanged((connected) => {
    if (connected) acceptAnyRevision = true;
    store.setState({ connected });
  });
  void api.invoke('kiosk:getState', {}).then((result) => {
    if (result.ok) acceptState(result.value);
  });

  return store;
}
