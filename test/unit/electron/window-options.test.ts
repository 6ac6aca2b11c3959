import { describe, expect, it } from 'vitest';
import { PRELOAD_PATH } from '../../../electron/main/paths.ts';
import { kioskWindowOptions, officerWindowOptions } from '../../../electron/main/window-options.ts';

const securityFlags = {
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
};

describe('kiosk window options', () => {
  const options = kioskWindowOptions(PRELOAD_PATH);

  it('is a fullscreen kiosk with no menu', () => {
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('isolates and sandboxes the page with no Node', () => {
    expect(options.webPreferences).toMatchObject(securityFlags);
  });

  it('loads the bundled CommonJS preload from dist', () => {
    expect(options.webPreferences?.preload).toBe(PRELOAD_PATH);
    expect(PRELOAD_PATH.replaceAll('\\', '/')).toMatch(/\/dist\/electron\/preload\/index\.cjs$/);
  });
});

describe('officer window options', () => {
  const bounds = { x: 1920, y: 0, width: 1280, height: 800 };
  const options = officerWindowOptions(PRELOAD_PATH, bounds);

  it('covers the external display, frameless and fullscreen, not in kiosk mode', () => {
    expect(options).toMatchObject({ ...bounds, kiosk: false, frame: false, fullscreen: true });
  });

  it('has the same security settings as the kiosk window', () => {
    expect(options.webPreferences).toMatchObject({ ...securityFlags, preload: PRELOAD_PATH });
  });
});
