import type { KioskApi } from '../../shared/contract/dispatch.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the screens are served by the browser host. */
    hailong?: KioskApi;
  }
}
