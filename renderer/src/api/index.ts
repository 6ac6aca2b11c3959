import { createHttpTransport } from './http-transport.ts';
import type { KioskTransport } from './kiosk-transport.ts';

export type { KioskTransport } from './kiosk-transport.ts';

/** Electron's preload bridge when present, otherwise the browser host over HTTP. */
export function createTransport(): KioskTransport {
  const bridge = window.hailong;
  if (bridge) return { api: bridge, onConnectionChanged: () => () => {} };
  return createHttpTransport();
}
