import { BrowserWindow, type Display, type Screen } from 'electron';
import { KIOSK_URL, OFFICER_URL } from '../security/app-origin.ts';
import { blockKioskShortcuts } from './kiosk-keys.ts';
import { kioskWindowOptions, officerWindowOptions } from './window-options.ts';

function open(options: ConstructorParameters<typeof BrowserWindow>[0], url: string): BrowserWindow {
  const win = new BrowserWindow(options);
  blockKioskShortcuts(win.webContents);
  win.once('ready-to-show', () => {
    win.show();
  });
  const load = (): void => {
    win.loadURL(url).catch((error: unknown) => {
      console.error(`Không mở được ${url}:`, error);
    });
  };
  // A kiosk must not sit on a blank screen after its page crashed: load it again.
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) load();
  });
  load();
  return win;
}

/** The citizen's fullscreen kiosk window. */
export function openKioskWindow(preloadPath: string): BrowserWindow {
  return open(kioskWindowOptions(preloadPath), KIOSK_URL);
}

/** The display for the officer's window: the first one that is not the primary, if any. */
export function pickOfficerDisplay(displays: readonly Display[], primary: Display): Display | null {
  if (displays.length < 2) return null;
  return displays.find((display) => display.id !== primary.id) ?? null;
}

/** The officer's window on the external display, or null with a single display. */
export function openOfficerWindow(
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>,
  preloadPath: string,
): BrowserWindow | null {
  const display = pickOfficerDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay());
  return display ? open(officerWindowOptions(preloadPath, display.bounds), OFFICER_URL) : null;
}

/**
 * Runs only after the core has checked the technician PIN: leave kiosk mode, then quit on the
 * next turn so the IPC answer still reaches the screen.
 */
export function leaveKioskAndQuit(windows: readonly BrowserWindow[], quit: () => void): void {
  for (const win of windows) {
    if (!win.isDestroyed()) win.setKiosk(false);
  }
  setImmediate(quit);
}
