import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { KioskCore } from '../../electron/core/kiosk-core.ts';
import { startBrowserHost } from '../../electron/host/browser-host.ts';
import { RENDERER_DIR } from '../paths.ts';
import { UsageError, parsePort } from '../usage-error.ts';

export const KIOSK_USAGE = `hailong kiosk --browser --data-dir DIR [--port N] [--demo]
  Chạy kiosk trong trình duyệt: giao diện và hợp đồng gọi trên http://127.0.0.1:N/.
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
    },
    strict: true,
  });
  if (!values.browser) {
    throw new UsageError('Kiosk Electron được chạy bằng "npm start" hoặc bản cài đặt; dòng lệnh này cần --browser.');
  }
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('Thiếu --data-dir DIR: thư mục chứa dữ liệu của kiosk.');
  await startBrowserKiosk({ dataDir, port: parsePort(values.port, 5180), demo: values.demo });
}

export async function startBrowserKiosk(options: { dataDir: string; port: number; demo: boolean }) {
  const core = new KioskCore({ dataDir: options.dataDir });
  if (options.demo) await core.seedDemo();
  const host = await startBrowserHost({
    core,
    rendererDir: RENDERER_DIR,
    port: options.port,
    log: (message) => console.error(message),
  });
  console.log(`Kiosk (trình duyệt): ${host.url}`);
  console.log(`Dữ liệu: ${options.dataDir}`);
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

async function exportEvents(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('Thiếu --data-dir DIR: thư mục dữ liệu của kiosk cần xuất.');
  const core = new KioskCore({ dataDir });
  const out = values.out ? createWriteStream(values.out, { encoding: 'utf8' }) : process.stdout;
  let count = 0;
  try {
    for (const event of core.outbox.all()) {
      if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
      count += 1;
    }
  } finally {
    core.close();
  }
  if (values.out) {
    out.end();
    await once(out, 'finish');
    console.error(`Đã xuất ${count} sự kiện vào ${values.out}`);
  }
}
