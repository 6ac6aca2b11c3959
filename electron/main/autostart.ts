import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AutostartOptions {
  platform: NodeJS.Platform;
  /** The user's home; the Linux entry goes to $XDG_CONFIG_HOME/autostart or ~/.config/autostart. */
  homeDir: string;
  xdgConfigHome?: string | undefined;
  /** What to start: the AppImage file when run from one, otherwise the installed executable. */
  execPath: string;
  /** Written once set up, so a technician who turns autostart off is not overridden. */
  markerFile: string;
  /** app.setLoginItemSettings on Windows and macOS. */
  setLoginItem: (openAtLogin: boolean) => void;
}

export type AutostartResult = 'configured' | 'already-configured' | 'unsupported';

export const DESKTOP_FILE_NAME = 'vn.hailong.kiosk.desktop';

/** Quotes an Exec argument as the Desktop Entry spec asks (and doubles % for field codes). */
function quoteExec(path: string): string {
  const escaped = path.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%');
  return /[\s"'\\`$<>~|&;*?#()]/.test(path) ? `"${escaped}"` : escaped;
}

export function linuxAutostartFile(options: Pick<AutostartOptions, 'homeDir' | 'xdgConfigHome'>): string {
  const configHome = options.xdgConfigHome || join(options.homeDir, '.config');
  return join(configHome, 'autostart', DESKTOP_FILE_NAME);
}

export function desktopEntry(execPath: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=hailong',
    'Comment=Kiosk lấy số thứ tự và đánh giá mức độ hài lòng',
    `Exec=${quoteExec(execPath)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * On first run, makes the kiosk start at login: a login item on Windows and macOS, an XDG
 * autostart entry on Linux. Later runs leave whatever the technician has set.
 */
export function ensureAutostart(options: AutostartOptions): AutostartResult {
  if (existsSync(options.markerFile)) return 'already-configured';
  if (options.platform === 'win32' || options.platform === 'darwin') {
    options.setLoginItem(true);
  } else if (options.platform === 'linux') {
    const file = linuxAutostartFile(options);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, desktopEntry(options.execPath), { mode: 0o644 });
  } else {
    return 'unsupported';
  }
  mkdirSync(dirname(options.markerFile), { recursive: true });
  writeFileSync(options.markerFile, `${new Date().toISOString()}\n`);
  return 'configured';
}
