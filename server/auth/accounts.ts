import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from './secret-hash.ts';
import type { Role } from '../../shared/contract/server-api.ts';
import type { Db } from '../db/database.ts';

/**
 * `centreId`: an admin's or supervisor's centre; a province admin belongs to none.
 * `mustChangePassword`: someone other than the person chose the password (an admin in the
 * console, or a generated one): the person must replace it before doing anything else.
 */
export async function createUser(
  db: Db,
  username: string,
  password: string,
  role: Role,
  now: Date,
  { centreId = null, mustChangePassword = false }: { centreId?: number | null; mustChangePassword?: boolean } = {},
) {
  const id = randomUUID();
  await db
    .insertInto('users')
    .values({
      id,
      username,
      password_hash: await hashPassword(password),
      role,
      centre_id: role === 'province_admin' ? null : centreId,
      disabled: 0,
      created_at: now.toISOString(),
      must_change_password: mustChangePassword ? 1 : 0,
    })
    .execute();
  return id;
}

/**
 * First start with no account: create `admin` (a province admin: it manages every centre) with
 * HAILONG_ADMIN_PASSWORD, or a generated password returned so the caller prints it once. A
 * generated password has been on a screen or in a log: its owner replaces it at the first login.
 */
export async function ensureAdmin(
  db: Db,
  now: Date,
  envPassword: string | undefined,
): Promise<{ created: false } | { created: true; password: string; generated: boolean }> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return { created: false };
  // An empty HAILONG_ADMIN_PASSWORD counts as unset: never create an account with no password.
  const generated = envPassword === undefined || envPassword === '';
  const password = generated ? randomBytes(12).toString('base64url') : envPassword;
  try {
    await createUser(db, 'admin', password, 'province_admin', now, { mustChangePassword: generated });
  } catch (error) {
    // Another process (CLI and server starting together) created it first.
    if (await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst()) {
      return { created: false };
    }
    throw error;
  }
  return { created: true, password, generated };
}
