// The Electron main process only wires modules; the kiosk's logic lives in electron/core.
import { join } from 'node:path';
import { homedir } from 'node:os';
import { app, dialog, ipcMain, protocol, safeStorage, screen, type BrowserWindow } from 'electron';
import { startCoreWorker } from '../core/worker/core-client.ts';
import { APP_SCHEME } from '../security/app-origin.ts';
import { applySecurityRules } from '../security/harden-web-contents.ts';
import { createAppHandler, registerAppScheme } from './app-protocol.ts';
import { ensureAutostart } from './autostart.ts';
import { forwardState, registerIpc } from './ipc.ts';
import { CORE_WORKER, PRELOAD_PATH, RENDERER_DIR } from './paths.ts';
import { safeStorageBox } from './safe-storage-box.ts';
import { leaveKioskAndQuit, openKioskWindow, openOfficerWindow } from './windows.ts';

const windows: BrowserWindow[] = [];

async function start(): Promise<void> {
  const dataDir = process.env.HAILONG_DATA_DIR ?? app.getPath('userData');
  // The device token goes to the OS keychain where there is one (needs the app ready).
  const secretBox = safeStorageBox(safeStorage, process.platform);
  if (!secretBox)
    console.warn('hailong: không có kho khóa của hệ điều hành; mã thiết bị lưu trong tệp dữ liệu (quyền 0600).');
  // The core (SQLite, printing, sync) runs in a worker thread: an fsync never blocks windows or IPC.
  const core = await startCoreWorker({
    ...CORE_WORKER,
    data: {
      dataDir,
      // The ticket printer, as for `hailong kiosk --printer`: tcp://host:9100, /dev/usb/lp0 or none.
      ...(process.env.HAILONG_PRINTER !== undefined ? { printerUrl: process.env.HAILONG_PRINTER } : {}),
      demo: process.env.HAILONG_DEMO === '1',
      ...(secretBox ? { secretBoxKind: secretBox.kind } : {}),
    },
    ...(secretBox ? { secretBox } : {}),
    exitKiosk: () => leaveKioskAndQuit(windows, () => app.quit()),
  });
  app.on('will-quit', () => core.close());
  protocol.handle(APP_SCHEME, createAppHandler(RENDERER_DIR));
  registerIpc(ipcMain, core.handlers);
  forwardState(core, () => windows);
  windows.push(openKioskWindow(PRELOAD_PATH));
  const officer = openOfficerWindow(screen, PRELOAD_PATH);
  if (officer) windows.push(officer);
  if (app.isPackaged) {
    ensureAutostart({
      platform: process.platform,
      homeDir: homedir(),
      xdgConfigHome: process.env.XDG_CONFIG_HOME,
      execPath: process.env.APPIMAGE ?? process.execPath,
      markerFile: join(app.getPath('userData'), 'autostart-configured'),
      setLoginItem: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    });
  }
}

registerAppScheme(protocol); // Electron requires privileged schemes before 'ready'.
applySecurityRules(app);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => windows[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // A corrupt or newer database, for example: say so on screen rather than die silently.
      dialog.showErrorBox('Không khởi động được kiosk', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
