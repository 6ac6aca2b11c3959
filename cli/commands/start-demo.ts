import { boardAddress, boardLaunchCommand } from './board-launch.ts';
import type { FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KioskCore } from '../../electron/core/kiosk-core.ts';
import { startBrowserHost } from '../../electron/host/browser-host.ts';
import { createTicketPrinter } from '../../electron/printing/ticket-printer.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../electron/printing/virtual-printer.ts';
import { createServer } from '../../server/app.ts';
import { centreById } from '../../server/config/centres.ts';
import { hashToken, newEnrollmentCode, normaliseCode } from '../../server/auth/tokens.ts';
import { DEMO_PIN, DEMO_TECHNICIAN_PIN } from '../../shared/domain/demo-config.ts';
import { RENDERER_DIR } from '../paths.ts';

export interface DemoOptions {
  /** Everything lives here: central.db, kiosk/, printer/. */
  dataDir: string;
  serverPort: number;
  kioskPort: number;
  /** 0 picks a free port; the kiosk is told the address at each start. */
  printerPort: number;
  /** Where the renderer was built (dist/renderer). */
  rendererDir?: string;
  /** For the first admin; otherwise HAILONG_ADMIN_PASSWORD, otherwise generated and printed once. */
  adminPassword?: string | undefined;
  /** Set up the kiosk but let another process (Electron) run it. */
  kioskHost: 'browser' | 'external';
  log: (line: string) => void;
}

export interface RunningDemo {
  serverUrl: string;
  apiUrl: string;
  kioskUrl: string | null;
  officerUrl: string | null;
  kioskDataDir: string;
  printer: { url: string; outDir: string } | null;
  /** The generated admin password, only on the run that created the admin account. */
  generatedAdminPassword: string | null;
  deviceId: string;
  /** The code of the demo kiosk's centre: its board is `/board/<code>`. */
  centreCode: string | null;
  /** Whether this run enrolled the kiosk (false when an earlier run already had). */
  enrolledNow: boolean;
  server: FastifyInstance;
  core: KioskCore | null;
  close(): Promise<void>;
}

/**
 * A one-time enrolment code written straight into the server's database: `npm start` owns
 * that database and may not know the admin password on later runs (it is printed only once).
 */
async function issueEnrolmentCode(server: FastifyInstance): Promise<string> {
  const { db } = server.hailong;
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const code = newEnrollmentCode();
  const now = new Date();
  await db
    .insertInto('enrollment_codes')
    .values({
      code_hash: hashToken(normaliseCode(code)),
      created_by: admin.id,
      created_at: now.toISOString(),
      expires_ms: now.getTime() + 10 * 60_000,
      used_at: null,
      device_id: null,
    })
    .execute();
  return code;
}

async function deviceKnown(server: FastifyInstance, deviceId: string): Promise<boolean> {
  const row = await server.hailong.db
    .selectFrom('devices')
    .select('id')
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Enrols the demo kiosk with the demo server on its first run and gives it the server's
 * configuration, a counter and an officer on duty; later runs keep the enrolment and only
 * follow the server to its current address.
 */
async function prepareKiosk(
  core: KioskCore,
  server: FastifyInstance,
  serverUrl: string,
): Promise<{ deviceId: string; enrolledNow: boolean }> {
  const status = core.sync.status();
  if (status.enrolled && status.deviceId && (await deviceKnown(server, status.deviceId))) {
    if (status.serverUrl !== serverUrl) core.sync.relocate(serverUrl);
    return { deviceId: status.deviceId, enrolledNow: false };
  }
  if (core.config.getSetting('technician.pinHash') === null) await core.setTechnicianPin(DEMO_TECHNICIAN_PIN);
  const enrolled = await core.sync.enroll({
    serverUrl,
    code: await issueEnrolmentCode(server),
    name: 'Kiosk mẫu (npm start)',
  });
  // The server's configuration (officers, PIN hashes, counters) arrives with the first exchange.
  const synced = await core.sync.syncNow();
  if (synced.lastError) throw new Error(`Kiosk mẫu không đồng bộ được với máy chủ: ${synced.lastError}`);
  const counter = core.counterId() ?? core.config.counters()[0]?.id;
  if (counter) {
    core.config.setSetting('kiosk.counterId', counter);
    const first = core.config.officerChoices()[0];
    if (first && !core.duty.onDuty(counter)) await core.duty.signIn(counter, first.id, DEMO_PIN);
  }
  core.publish();
  return { deviceId: enrolled.deviceId!, enrolledNow: true };
}

/** The centre the demo kiosk joined, so the printed board address names it. */
async function kioskCentreCode(server: FastifyInstance, deviceId: string): Promise<string | null> {
  const { db } = server.hailong;
  const device = await db.selectFrom('devices').select('centre_id').where('id', '=', deviceId).executeTakeFirst();
  return device ? ((await centreById(db, device.centre_id))?.code ?? null) : null;
}

/**
 * `npm start`: the central server on SQLite, a virtual ticket printer, and a demo kiosk
 * enrolled to the server and syncing with it. Re-running reuses the data folder.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  mkdirSync(options.dataDir, { recursive: true });
  const kioskDataDir = join(options.dataDir, 'kiosk');
  const stops: Array<() => Promise<void> | void> = [];
  const close = async () => {
    while (stops.length > 0) await stops.pop()!();
  };
  try {
    const server = await createServer({
      dbFile: join(options.dataDir, 'central.db'),
      demo: true,
      // A newcomer sees Ratings, Alerts and Reports at work: a few weeks of demo history.
      demoHistory: true,
      ...(options.adminPassword !== undefined ? { adminPassword: options.adminPassword } : {}),
      log: (message) => {
        // The generated password is printed once, in the summary, not in the middle of the log.
        if (!message.includes('mật khẩu:')) options.log(message);
      },
    });
    stops.push(() => server.close());
    await server.listen({ host: '127.0.0.1', port: options.serverPort });
    const address = server.server.address();
    const serverPort = address && typeof address === 'object' ? address.port : options.serverPort;
    const serverUrl = `http://127.0.0.1:${serverPort}`;

    let printer: VirtualPrinter | null = null;
    const printerOut = join(options.dataDir, 'printer');
    if (options.kioskHost === 'browser') {
      printer = await startVirtualPrinter({ outDir: printerOut, port: options.printerPort });
      stops.push(() => printer?.close());
    }
    const printerUrl = printer ? printer.url : null;

    const core = new KioskCore({
      dataDir: kioskDataDir,
      sync: { log: options.log },
      ...(printerUrl ? { printer: createTicketPrinter({ transport: 'tcp', url: printerUrl, paperWidth: 80 }) } : {}),
    });
    stops.push(() => core.close());
    const { deviceId, enrolledNow } = await prepareKiosk(core, server, serverUrl);

    let kioskUrl: string | null = null;
    let runningCore: KioskCore | null = null;
    if (options.kioskHost === 'browser') {
      const host = await startBrowserHost({
        core,
        rendererDir: options.rendererDir ?? RENDERER_DIR,
        port: options.kioskPort,
        log: options.log,
      });
      stops.push(() => host.app.close());
      kioskUrl = host.url;
      runningCore = core;
    } else {
      // Electron opens the same data folder; SQLite would refuse nothing, but one writer is simpler.
      stops.pop();
      core.close();
    }
    return {
      serverUrl: `${serverUrl}/`,
      apiUrl: `${serverUrl}/api/v1/openapi.json`,
      kioskUrl,
      officerUrl: kioskUrl ? `${kioskUrl}officer` : null,
      kioskDataDir,
      printer: printerUrl ? { url: printerUrl, outDir: printerOut } : null,
      generatedAdminPassword: server.hailong.generatedAdminPassword,
      deviceId,
      centreCode: await kioskCentreCode(server, deviceId),
      enrolledNow,
      server,
      core: runningCore,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The lines `npm start` prints once everything runs. */
export function describeDemo(demo: RunningDemo, adminFromEnv: boolean): string[] {
  const password = demo.generatedAdminPassword
    ? `${demo.generatedAdminPassword}   ← chỉ in lần này; lần đăng nhập đầu tiên sẽ yêu cầu đổi mật khẩu`
    : adminFromEnv
      ? 'lấy từ biến môi trường HAILONG_ADMIN_PASSWORD'
      : 'đã in ở lần chạy đầu tiên (tạo lại bằng cách xoá thư mục dữ liệu, hoặc đặt HAILONG_ADMIN_PASSWORD trước lần chạy đầu)';
  return [
    '',
    'hailong đang chạy:',
    `  Máy chủ trung tâm:          ${demo.serverUrl}`,
    `  Bảng gọi số (phòng chờ):    ${boardAddress(demo.serverUrl, demo.centreCode)}`,
    `    TV tự đọc số, không cần bấm: ${boardLaunchCommand(boardAddress(demo.serverUrl, demo.centreCode))}`,
    `  API của máy chủ (OpenAPI):  ${demo.apiUrl}`,
    ...(demo.kioskUrl
      ? [`  Kiosk (mở bằng Chromium):   ${demo.kioskUrl}`, `  Màn hình cán bộ:            ${demo.officerUrl}`]
      : ['  Kiosk:                      cửa sổ Electron']),
    ...(demo.printer
      ? [`  Máy in ảo:                  ${demo.printer.url} (ảnh phiếu in trong ${demo.printer.outDir})`]
      : []),
    `  Quản trị máy chủ:           tài khoản admin, mật khẩu ${password}`,
    `  Cán bộ mẫu: mã PIN ${DEMO_PIN}. Cán bộ CNTT: mã PIN ${DEMO_TECHNICIAN_PIN} (chạm 5 lần vào góc trên bên trái).`,
    `  Kiosk ${demo.enrolledNow ? 'vừa được đăng ký' : 'đã đăng ký'} với máy chủ (thiết bị ${demo.deviceId}); mọi đánh giá được đồng bộ về máy chủ.`,
    '',
  ];
}
