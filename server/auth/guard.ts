import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/contract/server-api.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http-error.ts';
import { hashToken } from './tokens.ts';
import type { DeviceAssignment } from '../../shared/contract/provisioning.ts';
import { toAssignment } from '../sync/device-assignment.ts';

export const SESSION_COOKIE = 'hailong_session';
export const CSRF_HEADER = 'x-hailong-csrf';

export interface AuthUser {
  userId: string;
  username: string;
  role: Role;
  /** The user's centre; null for a province admin (see centre-scope.ts). */
  centreId: number | null;
  tokenHash: string;
  via: 'bearer' | 'cookie';
  mustChangePassword: boolean;
}

/** What a person whose password someone else chose may still do: see who they are, change it, leave. */
const BEFORE_PASSWORD_CHANGE = new Set([
  '/api/v1/auth/me',
  '/api/v1/auth/password',
  '/api/v1/auth/logout',
  '/api/v1/console/session',
]);
export const PASSWORD_CHANGE_REQUIRED =
  'Mật khẩu này do quản trị viên đặt hoặc vừa được cấp lại: hãy đổi mật khẩu trước khi dùng các chức năng khác.';

export interface AuthDevice {
  deviceId: string;
  name: string;
  /** The device's centre, role and printer, read with its token: a sync needs no second look. */
  centreId: number;
  assignment: DeviceAssignment;
  /** A refusal the Kiosks page still shows, cleared by the next sync that goes through. */
  hasSyncRefusal: boolean;
  /** The province's configuration version at that moment (what a kiosk compares its own with). */
  configVersion: number;
}

const unauthorized = (message = 'Cần đăng nhập để dùng chức năng này.') => new HttpError(401, 'unauthorized', message);

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

/** What each role may do: a province admin everything, an admin what a supervisor may and more. */
const RANK: Record<Role, number> = { supervisor: 0, admin: 1, province_admin: 2 };

/** A session from the bearer token or the cookie; a higher role may do everything a lower one may. */
export async function authenticateUser(
  server: ServerContext,
  request: FastifyRequest,
  _reply: FastifyReply,
  role: Role,
): Promise<AuthUser> {
  const fromHeader = bearer(request);
  const fromCookie = request.cookies[SESSION_COOKIE];
  const token = fromHeader ?? fromCookie;
  if (!token) throw unauthorized();
  const tokenHash = hashToken(token);
  const row = await server.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      'u.id',
      'u.username',
      'u.role',
      'u.centre_id',
      'u.disabled',
      'u.must_change_password',
      's.expires_ms',
      's.csrf_token',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled === 1 || row.expires_ms <= server.now().getTime()) {
    throw unauthorized('Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Hãy đăng nhập lại.');
  }
  const via = fromHeader ? 'bearer' : 'cookie';
  // A browser sends the cookie on its own; a write must also prove it read the login answer.
  if (via === 'cookie' && request.method !== 'GET' && request.method !== 'HEAD') {
    if (request.headers[CSRF_HEADER] !== row.csrf_token) {
      throw new HttpError(403, 'csrf', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-Hailong-CSRF).');
    }
  }
  const mustChangePassword = row.must_change_password === 1;
  if (mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(request.routeOptions.url ?? '')) {
    throw new HttpError(403, 'password_change_required', PASSWORD_CHANGE_REQUIRED);
  }
  if (RANK[row.role] < RANK[role]) {
    throw new HttpError(
      403,
      'forbidden',
      role === 'province_admin'
        ? 'Chỉ quản trị viên cấp tỉnh được dùng chức năng này.'
        : 'Chỉ quản trị viên được dùng chức năng này.',
    );
  }
  return {
    userId: row.id,
    username: row.username,
    role: row.role,
    centreId: row.centre_id,
    tokenHash,
    via,
    mustChangePassword,
  };
}

export async function authenticateDevice(server: ServerContext, request: FastifyRequest): Promise<AuthDevice> {
  const token = bearer(request);
  if (!token) throw unauthorized('Thiết bị cần gửi mã truy cập (Authorization: Bearer …).');
  // One round trip for all a device route needs of the device (a sync was ~40 of them).
  const row = await server.db
    .selectFrom('devices')
    .select([
      'id',
      'name',
      'revoked_at',
      'centre_id',
      'role',
      'counter_id',
      'printer_url',
      'printer_paper_width',
      'rating_voice',
      'sync_refusal',
      (eb) => eb.selectFrom('settings').select('value').where('key', '=', 'config.version').as('config_version'),
      // The centre's own counter: the kiosk's version is the sum (config/settings.ts configVersion).
      (eb) =>
        eb
          .selectFrom('centre_settings as cs')
          .select('cs.value')
          .whereRef('cs.centre_id', '=', 'devices.centre_id')
          .where('cs.key', '=', 'config.version')
          .as('centre_config_version'),
    ])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) throw unauthorized('Mã truy cập của thiết bị không hợp lệ. Hãy đăng ký lại thiết bị.');
  if (row.revoked_at !== null) {
    throw unauthorized('Thiết bị này đã bị thu hồi quyền đồng bộ. Hãy liên hệ quản trị viên để đăng ký lại.');
  }
  return {
    deviceId: row.id,
    name: row.name,
    centreId: row.centre_id,
    assignment: toAssignment(row),
    hasSyncRefusal: row.sync_refusal !== null,
    configVersion: Number(row.config_version ?? 0) + Number(row.centre_config_version ?? 0),
  };
}
