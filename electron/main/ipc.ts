import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch, type KioskHandlers } from '../../shared/contract/dispatch.ts';
import { CHANNEL_NAMES, STATE_CHANGED } from '../../shared/contract/kiosk-channels.ts';
import type { KioskState } from '../../shared/contract/kiosk-state.ts';
import { fail } from '../../shared/contract/result.ts';
import { isAppUrl } from '../security/app-origin.ts';

/**
 * A call counts only when it comes from the main frame of our own app://kiosk page: never
 * from a sub-frame, a foreign page, or a frame that has gone away.
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  } catch {
    // The frame was disposed while the call was in flight.
    return false;
  }
}

/** One handler per contract channel: sender first, then the schema (in dispatch), then the core. */
export function registerIpc(
  ipc: Pick<IpcMain, 'handle'>,
  handlers: KioskHandlers,
  onUnexpected: (error: unknown) => void = (error) => {
    console.error(error);
  },
): void {
  for (const channel of CHANNEL_NAMES) {
    ipc.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) return fail('invalid_input', 'Yêu cầu không đến từ màn hình kiosk nên bị từ chối.');
      return dispatch(handlers, channel, payload, onUnexpected);
    });
  }
}

/** Pushes every new kiosk state to every open window. */
export function forwardState(
  core: { onStateChanged(listener: (state: KioskState) => void): () => void },
  windows: () => readonly BrowserWindow[],
): () => void {
  return core.onStateChanged((state) => {
    for (const win of windows()) {
      if (!win.isDestroyed()) win.webContents.send(STATE_CHANGED, state);
    }
  });
}
