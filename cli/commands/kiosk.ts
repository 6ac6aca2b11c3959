import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { hostname } from 'node:os';
import { openDatabase } from '../../electron/core/database.ts';
import { KIOSK_DB_FILE, KioskCore } from '../../electron/core/kiosk-core.ts';
import { Outbox } from '../../electron/core/outbox.ts';
import { ConfigStore } from '../../electron/core/config-store.ts';
import { recordExport } from '../../electron/core/sync/reenrolment-guard.ts';
import { PrinterUrlError, printerFromUrl } from '../../electron/core/queue/printer-from-url.ts';
import { normaliseServerUrl } from '../../electron/core/sync/enrollment.ts';
import { DomainError } from '../../shared/contract/result.ts';
import { startBrowserHost } from '../../electron/host/browser-host.ts';
import { RENDERER_DIR } from '../paths.ts';
import { CommandError, UsageError, parsePort } from '../usage-error.ts';

export const KIOSK_USAGE = `hailong kiosk --browser --data-dir DIR [--port N] [--demo] [--server URL --enroll MÃ [--name TÊN]]
    [--printer tcp://máy:cổng|/dev/…|none] [--paper 58|80]
  Chạy kiosk trong trình duyệt: giao diện và hợp đồng gọi trên http://127.0.0.1:N/.
  --printer: máy in phiếu ESC/POS (mạng tcp://192.168.1.50:9100, USB /dev/usb/lp0, cổng nối tiếp /dev/ttyUSB0); mặc định none.
  --paper: khổ giấy máy in (58 hoặc 80 mm, mặc định 80); máy in gán từ bảng điều khiển được ưu tiên.
  Không có --demo và chưa đăng ký: kiosk mở màn hình cài đặt (địa chỉ máy chủ và mã đăng ký).
  --server URL --enroll MÃ: đăng ký kiosk với máy chủ trung tâm (một lần) rồi chạy và đồng bộ.
hailong kiosk export --data-dir DIR [--out FILE]
  Ghi mọi sự kiện của kiosk ra tệp JSON Lines (hoặc ra màn hình) để mang đi khi không đồng bộ được.`;

export async function runKiosk(argv: string[]): Promise<void> {
  if (argv[0] === 'export') return exportEvents(argv.slice(1));
  const { values } = parseArgs({
    args: argv,
    options: {
      browser: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      server: { type: 'string' },
      enroll: { type: 'string' },
      name: { type: 'string' },
      printer: { type: 'string' },
      paper: { type: 'string' },
    },
    strict: true,
  });
  if (!values.browser) {
    throw new UsageError('Kiosk Electron được chạy bằng "npm start" hoặc bản cài đặt; dòng lệnh này cần --browser.');
  }
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('Thiếu --data-dir DIR: thư mục chứa dữ liệu của kiosk.');
  if (values.enroll !== undefined && values.server === undefined) {
    throw new UsageError('--enroll MÃ cần đi kèm --server URL (địa chỉ máy chủ trung tâm).');
  }
  await startBrowserKiosk({
    dataDir,
    port: parsePort(values.port, 5180),
    demo: values.demo,
    server: values.server,
    enroll: values.enroll,
    name: values.name,
    printer: values.printer,
    paper: parsePaper(values.paper),
  });
}

function parsePaper(value: string | undefined): 58 | 80 {
  if (value === undefined || value === '80') return 80;
  if (value === '58') return 58;
  throw new UsageError(`--paper chỉ nhận 58 hoặc 80 (khổ giấy, mm), không phải "${value}".`);
}

export interface BrowserKioskOptions {
  dataDir: string;
  port: number;
  demo: boolean;
  /** Central server to enrol with (once) before the kiosk starts. */
  server?: string | undefined;
  enroll?: string | undefined;
  name?: string | undefined;
  /** `--printer`: tcp://host:port, a device path or none (the default). */
  printer?: string | undefined;
  /** `--paper`: the ticket width; a printer assigned in the console brings its own. */
  paper?: 58 | 80;
}

export async function startBrowserKiosk(options: BrowserKioskOptions) {
  let printer;
  try {
    printer = printerFromUrl(options.printer, options.paper ?? 80);
  } catch (error) {
    if (error instanceof PrinterUrlError) throw new UsageError(error.message);
    throw error;
  }
  const core = new KioskCore({ dataDir: options.dataDir, printer, sync: { log: (line) => console.error(line) } });
  if (options.demo) await core.seedDemo();
  if (options.server !== undefined) {
    try {
      await enrolOnce(core, options.server, options.enroll, options.name);
    } catch (error) {
      core.close();
      throw error;
    }
  }
  const host = await startBrowserHost({
    core,
    rendererDir: RENDERER_DIR,
    port: options.port,
    log: (message) => console.error(message),
  });
  console.log(`Kiosk (trình duyệt): ${host.url}`);
  console.log(`Dữ liệu: ${options.dataDir}`);
  if (printer) {
    console.log(`Máy in phiếu: ${options.printer ?? ''}`);
    // The officer console shows the answer; a silent printer never delays the start.
    void core.queue.refreshPrinter();
  }
  const stop = () => {
    void host.app.close().finally(() => {
      core.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { core, host };
}

/**
 * Enrols the kiosk with `server` unless it already is; a second run with the same command
 * line reuses the enrolment (a one-time code cannot be used twice anyway).
 */
export async function enrolOnce(
  core: KioskCore,
  server: string,
  code: string | undefined,
  name?: string,
): Promise<void> {
  let serverUrl: string;
  try {
    serverUrl = normaliseServerUrl(server);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const status = core.sync.status();
  if (status.enrolled && status.serverUrl === serverUrl) {
    if (code !== undefined) console.error(`Kiosk đã đăng ký với máy chủ ${serverUrl}; bỏ qua --enroll.`);
    return;
  }
  if (code === undefined) {
    throw new UsageError(
      status.enrolled
        ? `Kiosk đang đăng ký với máy chủ ${status.serverUrl}. Để chuyển sang ${serverUrl}, thêm --enroll MÃ.`
        : `Kiosk chưa đăng ký với máy chủ ${serverUrl}: thêm --enroll MÃ (tạo mã trên máy chủ trung tâm).`,
    );
  }
  try {
    await core.sync.enroll({ serverUrl, code, name: name ?? `Kiosk ${hostname()}` });
  } catch (error) {
    if (error instanceof DomainError) throw new CommandError(`Không đăng ký được kiosk: ${error.message}`);
    throw error;
  }
  console.error(`Đã đăng ký kiosk với máy chủ ${serverUrl}.`);
}

async function exportEvents(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('Thiếu --data-dir DIR: thư mục dữ liệu của kiosk cần xuất.');
  const dbFile = join(dataDir, KIOSK_DB_FILE);
  // Exporting from a mistyped folder must not create an empty kiosk and report success.
  if (!existsSync(dbFile)) throw new UsageError(`Không tìm thấy dữ liệu kiosk: ${dbFile} không tồn tại.`);
  // Only the event log is read: no sync client or printer is started for an export.
  const db = openDatabase(dbFile);
  const outbox = new Outbox(db);
  const out = values.out ? createWriteStream(values.out, { encoding: 'utf8' }) : process.stdout;
  let count = 0;
  let lastSeq = 0;
  try {
    for (const event of outbox.all()) {
      if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
      count += 1;
      lastSeq = event.seq;
    }
    if (values.out) {
      out.end();
      await once(out, 'finish');
    }
    // Only once the file is complete: these events may now leave with a re-enrolment.
    recordExport(new ConfigStore(db), lastSeq);
  } finally {
    db.close();
  }
  if (values.out) console.error(`Đã xuất ${count} sự kiện vào ${values.out}`);
}
