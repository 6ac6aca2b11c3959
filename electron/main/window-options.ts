import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract/kiosk-channels.ts';
import { channelAllowlistArgument } from '../security/channel-allowlist.ts';

/** Painted before the first frame, so the screen never flashes white-on-dark or the reverse. */
export const BACKGROUND_COLOR = '#ffffff';

/**
 * The page gets no Node, runs sandboxed and isolated from the preload, and talks to the core
 * only through the preload's contract API.
 * https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations
 */
function securePreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    devTools: false,
    // The contract's channels, for the preload's allowlist.
    additionalArguments: [channelAllowlistArgument(CHANNEL_NAMES)],
  };
}

/** The citizen-facing window: kiosk mode, fullscreen, no menu. */
export function kioskWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    title: 'hailong',
    webPreferences: securePreferences(preloadPath),
  };
}

/**
 * The officer's window on a second display: frameless and fullscreen there, but not in kiosk
 * mode (kiosk mode belongs to the citizen's screen).
 */
export function officerWindowOptions(preloadPath: string, bounds: Rectangle): BrowserWindowConstructorOptions {
  return {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    kiosk: false,
    frame: false,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    title: 'hailong — cán bộ',
    webPreferences: securePreferences(preloadPath),
  };
}
