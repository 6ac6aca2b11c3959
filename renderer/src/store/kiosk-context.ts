import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { KioskStore, KioskStoreApi } from './kiosk-store.ts';

export const KioskStoreContext = createContext<KioskStoreApi | null>(null);

/** Reads a slice of the kiosk store; re-renders only when that slice changes. */
export function useKiosk<T>(selector: (store: KioskStore) => T): T {
  const store = useContext(KioskStoreContext);
  if (!store) throw new Error('useKiosk must be used inside <KioskStoreContext>');
  return useStore(store, selector);
}
