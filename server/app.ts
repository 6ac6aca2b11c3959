import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { ensureAdmin } from './auth/accounts.ts';
import { LoginLimiter } from './auth/login-limiter.ts';
import { seedDefaults, seedDemo } from './config/seed.ts';
import type { ServerContext } from './context.ts';
import { openServerDb, type Backend, type Db } from './db/database.ts';
import { HttpError } from './http-error.ts';
import { InvalidDayError } from '../shared/domain/vietnam-time.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { configRoutes } from './routes/config-routes.ts';
import { deviceRoutes } from './routes/device-routes.ts';
import { openApiDocument } from './routes/openapi.ts';
import { provisioningRoutes } from './routes/provisioning-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { dossierRoutes } from './routes/dossier-routes.ts';
import { nationalScaleRoutes } from './routes/national-scale-routes.ts';
import { centreSettingsRoutes } from './routes/centre-settings-routes.ts';
import { reportSettingsRoutes } from './routes/report-settings-routes.ts';
import { staffRoutes } from './routes/staff-routes.ts';
import { seedDemoHistory } from './demo/demo-history.ts';
import { officerPhotoRoutes } from './routes/config/officer-photo-routes.ts';
import { syncRoutes } from './routes/sync-routes.ts';
import { phoneRoutes } from './phone/phone-routes.ts';
import { queueRoutes } from './queue/queue-routes.ts';
import { consoleRoutes } from './console/index.ts';
import { startCrossProcessLive } from './console/live-cross-process.ts';

export const SERVER_VERSION = '0.1.0';
/** Login, enrolment and the console's forms are small; sync and the staff upload set their own limit. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface CreateServerOptions {
  /** postgres://… ; otherwise SQLite at dbFile. */
  databaseUrl?: string;
  dbFile?: string;
  now?: () => Date;
  log?: (message: string) => void;
  /** Seed the demo officers, counters and services (once). */
  demo?: boolean;
  /** With `demo`: also a few weeks of past work (`npm start`), once, marked as demo data. */
  demoHistory?: boolean;
  /** Password for the first `admin` (else HAILONG_ADMIN_PASSWORD, else generated and logged once). */
  adminPassword?: string;
  /** Failed logins allowed per username and address within 15 minutes. */
  loginAttempts?: number;
  /**
   * Behind reverse proxies: how many hops of X-Forwarded-For (and -Proto) to trust, so the login
   * limiter counts per person's computer and the session cookie is Secure behind TLS. Never
   * "every hop": a client could then put any address first (issue 9).
   */
  trustProxy?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    hailong: { db: Db; backend: Backend; generatedAdminPassword: string | null; now: () => Date };
  }
}

const STATUS_MESSAGES: Record<number, [string, string]> = {
  400: ['invalid_input', 'Yêu cầu không hợp lệ.'],
  404: ['not_found', 'Không tìm thấy địa chỉ này.'],
  413: [
    'payload_too_large',
    'Dữ liệu gửi lên quá lớn (đồng bộ: tối đa 1 MB mỗi lần; tệp cán bộ: tối đa 10 MB; ảnh cán bộ: tối đa 300 KB; yêu cầu khác: tối đa 64 KB).',
  ],
  415: ['unsupported_media_type', 'Kiểu dữ liệu gửi lên không được hỗ trợ: hãy gửi JSON.'],
};

/** The central server as a Fastify app (not listening): test with inject() or listen on port 0. */
export async function createServer(options: CreateServerOptions = {}): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.error(message));
  const opened = await openServerDb(options);
  const { db, backend } = opened;
  const close = () => opened.close();
  let generatedAdminPassword: string | null = null;
  try {
    await seedDefaults(db);
    if (options.demo) await seedDemo(db);
    if (options.demo && options.demoHistory) await seedDemoHistory(db, now());
    const admin = await ensureAdmin(db, now(), options.adminPassword ?? process.env.HAILONG_ADMIN_PASSWORD);
    if (admin.created && admin.generated) {
      generatedAdminPassword = admin.password;
      log(
        `Đã tạo tài khoản quản trị "admin" với mật khẩu: ${admin.password} (chỉ in một lần; lần đăng nhập đầu tiên sẽ yêu cầu đổi mật khẩu).`,
      );
    } else if (admin.created) {
      log('Đã tạo tài khoản quản trị "admin" với mật khẩu từ HAILONG_ADMIN_PASSWORD.');
    }
  } catch (error) {
    await close();
    throw error;
  }

  const hops = options.trustProxy ?? 0;
  // Hop 0 is the socket's peer; trusting hops 0..N-1 takes the address the N-th proxy saw.
  const trustProxy = hops > 0 ? (_address: string, hop: number) => hop < hops : false;
  const app = Fastify({ logger: false, bodyLimit: DEFAULT_BODY_LIMIT, trustProxy });
  const server: ServerContext = {
    db,
    backend,
    now,
    log,
    loginLimiter: new LoginLimiter(db, options.loginAttempts ?? 5),
    routes: [],
  };
  app.decorate('hailong', { db, backend, generatedAdminPassword, now });
  app.addHook('onClose', async () => close());
  await app.register(fastifyCookie);

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
  });

  app.setErrorHandler((error: FastifyError | HttpError | Error, _request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
    }
    // An impossible day or period a person typed; any other RangeError is ours and stays a 500.
    if (error instanceof InvalidDayError) {
      return reply.code(400).send({ error: { code: 'invalid_input', message: error.message } });
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status < 500) {
      const [code, message] = STATUS_MESSAGES[status] ?? ['invalid_input', 'Yêu cầu không hợp lệ.'];
      const detail =
        (error as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? 'Nội dung không phải JSON hợp lệ.'
          : (error as FastifyError).code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'Nội dung JSON bị trống.'
            : message;
      return reply.code(status).send({ error: { code, message: detail } });
    }
    log(`Lỗi máy chủ: ${error.stack ?? error.message}`);
    return reply.code(500).send({ error: { code: 'internal', message: 'Đã có lỗi không mong muốn ở máy chủ.' } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: 'Không tìm thấy địa chỉ này.' } }),
  );

  app.get('/healthz', async () => {
    await db.selectFrom('settings').select('key').limit(1).execute();
    return { ok: true, db: backend };
  });
  authRoutes(app, server);
  deviceRoutes(app, server);
  provisioningRoutes(app, server);
  syncRoutes(app, server);
  queueRoutes(app, server);
  phoneRoutes(app, server);
  configRoutes(app, server);
  await staffRoutes(app, server);
  await officerPhotoRoutes(app, server);
  reportRoutes(app, server);
  dossierRoutes(app, server);
  nationalScaleRoutes(app, server);
  reportSettingsRoutes(app, server);
  centreSettingsRoutes(app, server);
  await consoleRoutes(app, server);
  // Other server processes on the same PostgreSQL database hear this one's syncs, and it theirs.
  if (options.databaseUrl) {
    const live = await startCrossProcessLive(app, server, options.databaseUrl);
    app.addHook('onClose', async () => live.close());
  }
  const openApi = openApiDocument(server.routes, SERVER_VERSION);
  app.get('/api/v1/openapi.json', () => Promise.resolve(openApi));
  return app;
}
