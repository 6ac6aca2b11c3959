import type { KioskApi } from '../../../shared/contract/dispatch.ts';

/** The contract plus what the screens need to know about the link to the kiosk core. */
export interface KioskTransport {
  api: KioskApi;
  /**
   * Called with false when the link drops and true when it is (re)established. A transport that
   * cannot lose its link (Electron IPC) never calls it.
   */
  onConnectionChanged(listener: (connected: boolean) => void): () => void;
}
