import type { FastifyInstance } from 'fastify';
import { UserMeSchema } from '../../shared/contract/console-responses.ts';
import { OkSchema } from '../../shared/contract/server-api.ts';
import { z } from 'zod';
import { hashPassword, passwordNeedsRehash } from '../auth/secret-hash.ts';
import { PasswordChecker } from '../auth/password-check.ts';
import {
  LoginRequestSchema,
  LoginResponseSchema,
  PasswordChangeSchema,
  UserCreateSchema,
  UserSchema,
  UserUpdateSchema,
} from '../../shared/contract/server-api.ts';
import { createUser } from '../auth/accounts.ts';
import { SESSION_COOKIE } from '../auth/guard.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, conflict, notFound } from '../http-error.ts';
import { addRoute } from './route.ts';
import { actingCentre, isProvinceAdmin, scopeOf } from '../auth/centre-scope.ts';
import type { AuthUser } from '../auth/guard.ts';
import { CentreFilterQuerySchema } from '../../shared/contract/centres-api.ts';
import type { Role } from '../../shared/contract/server-api.ts';

const SESSION_MS = 12 * 60 * 60_000;
const BUSY_RETRY_SECONDS = 5;

export function authRoutes(app: FastifyInstance, server: ServerContext): void {
  const passwords = new PasswordChecker();
  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/auth/login',
    summary:
      'Đăng nhập. session="cookie" (trình duyệt): chỉ đặt cookie HttpOnly, không trả mã phiên; session="bearer" (kiosk, dòng lệnh): chỉ trả mã phiên; không ghi: cả hai',
    access: 'public',
    body: LoginRequestSchema,
    response: LoginResponseSchema,
    handler: async ({ body, request, reply }) => {
      const nowMs = server.now().getTime();
      const busy = () => {
        reply.header('Retry-After', String(BUSY_RETRY_SECONDS));
        return new HttpError(
          503,
          'busy',
          `Máy chủ đang bận kiểm tra nhiều lượt đăng nhập. Hãy thử lại sau ${BUSY_RETRY_SECONDS} giây.`,
        );
      };
      // A full hashing queue is answered before any write: the attempt is not counted.
      if (passwords.saturated) throw busy();
      // A read, not a write: an unknown username (a flood of invented ones) is counted in memory
      // and costs no commit and no hashing (issue 9 item 2).
      const user = await server.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', body.username)
        .executeTakeFirst();
      // The attempt is counted before any hashing: parallel guesses cannot all pass the check.
      const reservation = user
        ? await server.loginLimiter.reserve(body.username, request.ip, nowMs)
        : server.loginLimiter.reserveUnknown(body.username, request.ip, nowMs);
      if (!reservation.ok) {
        reply.header('Retry-After', String(Math.ceil(reservation.retryAfterMs / 1000)));
        throw new HttpError(
          429,
          'too_many_attempts',
          `Đăng nhập sai quá nhiều lần. Hãy thử lại sau ${Math.ceil(reservation.retryAfterMs / 60_000)} phút.`,
        );
      }
      const verdict = await passwords.check(body.password, user?.password_hash);
      if (verdict === 'busy') {
        if (user) await server.loginLimiter.release(body.username, request.ip, false);
        throw busy();
      }
      if (!user || verdict !== 'valid' || user.disabled === 1) {
        throw new HttpError(401, 'bad_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      await server.loginLimiter.release(body.username, request.ip, true);
      if (passwordNeedsRehash(user.password_hash)) {
        // Transparent upgrade: the password is known only now, at a correct login.
        await server.db
          .updateTable('users')
          .set({ password_hash: await hashPassword(body.password) })
          .where('id', '=', user.id)
          .execute();
      }
      const token = newToken();
      const csrfToken = newToken();
      const expiresMs = nowMs + SESSION_MS;
      await server.db.deleteFrom('sessions').where('expires_ms', '<', nowMs).execute();
      await server.db
        .insertInto('sessions')
        .values({
          token_hash: hashToken(token),
          user_id: user.id,
          csrf_token: csrfToken,
          created_at: new Date(nowMs).toISOString(),
          expires_ms: expiresMs,
        })
        .execute();
      // A browser session keeps its token where page scripts cannot read it; a bearer client needs no cookie.
      if (body.session !== 'bearer') {
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          secure: request.protocol === 'https',
          maxAge: SESSION_MS / 1000,
        });
      }
      return {
        ...(body.session === 'cookie' ? {} : { token }),
        csrfToken,
        role: user.role,
        centreId: user.centre_id,
        username: user.username,
        expiresAt: new Date(expiresMs).toISOString(),
        mustChangePassword: user.must_change_password === 1,
      };
    },
  });

  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/auth/logout',
    summary: 'Đăng xuất: huỷ phiên hiện tại',
    access: 'supervisor',
    centre: 'own',
    response: OkSchema,
    handler: async ({ user, reply }) => {
      await server.db.deleteFrom('sessions').where('token_hash', '=', user!.tokenHash).execute();
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/auth/me',
    summary: 'Tài khoản đang đăng nhập',
    access: 'supervisor',
    response: UserMeSchema,
    centre: 'own',
    handler: ({ user }) =>
      Promise.resolve({
        username: user!.username,
        role: user!.role,
        centreId: user!.centreId,
        mustChangePassword: user!.mustChangePassword,
      }),
  });

  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/auth/password',
    summary:
      'Đổi mật khẩu của chính mình (bắt buộc trước mọi việc khác khi mật khẩu do quản trị viên đặt hoặc vừa cấp lại)',
    access: 'supervisor',
    body: PasswordChangeSchema,
    response: OkSchema,
    // One's own account only: no other centre is named.
    centre: 'own',
    handler: async ({ body, user }) => {
      const row = await server.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user!.userId)
        .executeTakeFirstOrThrow();
      const verdict = await passwords.check(body.currentPassword, row.password_hash);
      if (verdict === 'busy') throw new HttpError(503, 'busy', 'Máy chủ đang bận. Hãy thử lại sau vài giây.');
      if (verdict !== 'valid') throw new HttpError(400, 'bad_credentials', 'Mật khẩu hiện tại không đúng.');
      await server.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: await hashPassword(body.newPassword), must_change_password: 0 })
          .where('id', '=', user!.userId)
          .execute();
        // Every other session of the account ends; this one goes on.
        await trx
          .deleteFrom('sessions')
          .where('user_id', '=', user!.userId)
          .where('token_hash', '!=', user!.tokenHash)
          .execute();
      });
      return { ok: true };
    },
  });

  const toUser = (u: {
    id: string;
    username: string;
    role: Role;
    disabled: number;
    created_at: string;
    centre_id: number | null;
  }) => ({
    id: u.id,
    username: u.username,
    role: u.role,
    disabled: u.disabled === 1,
    createdAt: u.created_at,
    centreId: u.centre_id,
  });
  // Only a province admin hands out province-wide rights.
  const assertMayGrant = (user: AuthUser, role: Role | undefined) => {
    if (role === 'province_admin' && !isProvinceAdmin(user)) {
      throw new HttpError(403, 'forbidden', 'Chỉ quản trị viên cấp tỉnh được cấp quyền quản trị cấp tỉnh.');
    }
  };

  addRoute(app, server, {
    method: 'GET',
    url: '/api/v1/users',
    summary: 'Danh sách tài khoản (quản trị viên)',
    access: 'admin',
    query: CentreFilterQuerySchema,
    response: z.array(UserSchema),
    centre: 'own',
    handler: async ({ user, query }) => {
      const centre = scopeOf(user) ?? query.centreId ?? null;
      let rows = server.db.selectFrom('users').selectAll().orderBy('username');
      if (centre !== null) rows = rows.where('centre_id', '=', centre);
      return (await rows.execute()).map(toUser);
    },
  });

  addRoute(app, server, {
    method: 'POST',
    url: '/api/v1/users',
    summary: 'Tạo tài khoản (quản trị viên)',
    access: 'admin',
    body: UserCreateSchema,
    response: UserSchema,
    centre: 'own',
    handler: async ({ body, reply, user }) => {
      assertMayGrant(user!, body.role);
      const centreId = body.role === 'province_admin' ? null : await actingCentre(server.db, user, body.centreId);
      const exists = await server.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', body.username)
        .executeTakeFirst();
      if (exists) throw conflict(`Tên đăng nhập "${body.username}" đã có.`);
      // The admin chose this password: its owner replaces it at the first login.
      const id = await createUser(server.db, body.username, body.password, body.role, server.now(), {
        centreId,
        mustChangePassword: true,
      });
      reply.code(201);
      return toUser(await server.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    },
  });

  addRoute(app, server, {
    method: 'PATCH',
    url: '/api/v1/users/:id',
    summary: 'Đổi mật khẩu, vai trò hoặc khoá tài khoản (quản trị viên)',
    access: 'admin',
    body: UserUpdateSchema,
    response: UserSchema,
    centre: { table: 'users' },
    handler: async ({ body, params, user }) => {
      const target = await server.db.selectFrom('users').selectAll().where('id', '=', params.id!).executeTakeFirst();
      if (!target) throw notFound('Không tìm thấy tài khoản.');
      assertMayGrant(user!, body.role);
      const demoted = body.role !== undefined && body.role !== target.role && target.role !== 'supervisor';
      if (target.id === user!.userId && (body.disabled === true || demoted)) {
        throw conflict('Không thể tự khoá hoặc tự hạ quyền tài khoản đang dùng.');
      }
      const role = body.role ?? target.role;
      // A province admin has no centre; anyone else has one (kept, moved, or the first when demoted).
      const centreId =
        role === 'province_admin'
          ? null
          : body.centreId !== undefined || target.centre_id === null
            ? await actingCentre(server.db, user, body.centreId)
            : target.centre_id;
      await server.db
        .updateTable('users')
        .set({
          // A password an admin sets for someone else is that person's to replace at the next login.
          ...(body.password
            ? {
                password_hash: await hashPassword(body.password),
                must_change_password: target.id === user!.userId ? 0 : 1,
              }
            : {}),
          ...(body.role ? { role: body.role } : {}),
          centre_id: centreId,
          ...(body.disabled !== undefined ? { disabled: body.disabled ? 1 : 0 } : {}),
        })
        .where('id', '=', target.id)
        .execute();
      if (body.password || body.disabled) {
        await server.db.deleteFrom('sessions').where('user_id', '=', target.id).execute();
      }
      return toUser(
        await server.db.selectFrom('users').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow(),
      );
    },
  });
}
