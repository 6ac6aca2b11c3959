import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../paths.ts';
import { parsePort } from '../usage-error.ts';
import { startBrowserKiosk } from './kiosk.ts';

export const START_USAGE = `hailong start [--data-dir DIR] [--port N]
  Chạy kiosk với cấu hình mẫu: Electron nếu có, nếu không thì kiosk trong trình duyệt.`;

/** The Electron binary's path, or the reason it cannot be had on this machine. */
export function findElectron(): { path: string } | { error: string } {
  try {
    const electronPath = createRequire(import.meta.url)('electron') as unknown;
    if (typeof electronPath !== 'string') return { error: 'gói electron không trả về đường dẫn chương trình' };
    return { path: electronPath };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] ?? 'không rõ lý do' };
  }
}

export async function runStart(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
    strict: true,
  });
  const dataDir = values['data-dir'] ?? join(process.cwd(), 'data', 'kiosk');
  const electron = findElectron();
  if ('path' in electron) {
    console.log('Khởi động kiosk Electron với cấu hình mẫu…');
    const child = spawn(electron.path, [join(PACKAGE_ROOT, 'dist/electron/main/index.js')], {
      stdio: 'inherit',
      env: { ...process.env, HAILONG_DEMO: '1', HAILONG_DATA_DIR: dataDir },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log(
    `Không chạy được Electron trên máy này (${electron.error}). ` +
      'Thay vào đó, kiosk chạy trong trình duyệt: mở địa chỉ dưới đây bằng Chromium hoặc Chrome.',
  );
  await startBrowserKiosk({ dataDir, port: parsePort(values.port, 5180), demo: true });
  console.log('Cán bộ mẫu: mã PIN 1234. Cán bộ CNTT: mã PIN 9999 (chạm 5 lần vào góc trên bên trái).');
}
