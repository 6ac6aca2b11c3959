import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../paths.ts';
import { CommandError, parsePort } from '../usage-error.ts';
import { describeDemo, startDemo } from './start-demo.ts';

export const START_USAGE = `hailong start [--data-dir DIR] [--port N] [--server-port N] [--printer-port N]
  Bản trình diễn đầy đủ: máy chủ trung tâm (SQLite trong DIR/central.db, mặc định ./data), máy in ảo,
  và một kiosk mẫu đã đăng ký với máy chủ (Electron nếu có, nếu không thì trong trình duyệt);
  in mọi địa chỉ và mật khẩu quản trị. Chạy lại dùng tiếp thư mục dữ liệu cũ.`;

/** The Electron binary's path, or the reason it cannot be had on this machine. */
export function findElectron(): { path: string } | { error: string } {
  try {
    const electronPath = createRequire(import.meta.url)('electron') as unknown;
    if (typeof electronPath !== 'string') return { error: 'gói electron không trả về đường dẫn chương trình' };
    return { path: electronPath };
  } catch (error) {
    return { error: electronReason((error as Error).message) };
  }
}

/**
 * The electron package throws English ("Electron failed to install correctly, please delete
 * node_modules/electron and try installing again"), which would send a newcomer deleting
 * folders for nothing: the binary simply could not be downloaded. Said in Vietnamese instead.
 */
export function electronReason(message: string): string {
  if (/failed to install|path\.txt|ENOENT|Cannot find module/i.test(message)) {
    return 'chương trình Electron chưa được tải về máy này (cần mạng khi cài đặt); không cần xoá thư mục nào';
  }
  return 'gói electron báo lỗi khi nạp';
}

/** The one line `npm start` prints when Electron cannot run: why, and what runs instead. */
export function electronFallbackLine(reason: string): string {
  return (
    `Không chạy được cửa sổ kiosk Electron: ${reason}. ` +
    'Thay vào đó kiosk chạy trong trình duyệt, với đủ chức năng: mở địa chỉ "Kiosk" và "Màn hình cán bộ" dưới đây bằng Chromium hoặc Chrome.'
  );
}

export async function runStart(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'server-port': { type: 'string' },
      'printer-port': { type: 'string' },
    },
    strict: true,
  });
  const dataDir = resolve(values['data-dir'] ?? join(process.cwd(), 'data'));
  const electron = findElectron();
  if (!('path' in electron)) {
    console.log(electronFallbackLine(electron.error));
  }
  let demo;
  try {
    demo = await startDemo({
      dataDir,
      serverPort: parsePort(values['server-port'], 8080),
      kioskPort: parsePort(values.port, 5180),
      printerPort: parsePort(values['printer-port'], 0),
      kioskHost: 'path' in electron ? 'external' : 'browser',
      log: (line) => console.error(line),
    });
  } catch (error) {
    const { code, port } = error as { code?: string; port?: number };
    if (code === 'EADDRINUSE') {
      throw new CommandError(
        `Cổng ${port ?? ''} đã có chương trình khác dùng. Hãy tắt chương trình đó hoặc chọn cổng khác ` +
          '(--server-port N cho máy chủ, --port N cho kiosk).',
      );
    }
    throw error;
  }
  for (const line of describeDemo(demo, Boolean(process.env.HAILONG_ADMIN_PASSWORD))) console.log(line);
  const stop = () => {
    void demo.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if ('path' in electron) {
    console.log('Khởi động kiosk Electron…');
    const child = spawn(electron.path, [join(PACKAGE_ROOT, 'dist/electron/main/index.mjs')], {
      stdio: 'inherit',
      env: {
        ...process.env,
        HAILONG_DATA_DIR: demo.kioskDataDir,
        ...(demo.printer ? { HAILONG_PRINTER: demo.printer.url } : {}),
      },
    });
    child.on('exit', (code) => {
      void demo.close().finally(() => process.exit(code ?? 0));
    });
  }
}
