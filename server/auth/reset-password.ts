import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { hashSecret } from './secret-hash.ts';

/**
 * A lost password, reset from the machine that holds the database: a generated password,
 * every session of the account ended, and a locked account unlocked (a lost admin password
 * otherwise means deleting the data). The person must replace the printed password at the
 * next login. Returns the password to print once, or null when no such account exists.
 */
export async function resetPassword(db: Db, username: string): Promise<string | null> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (!user) return null;
  const password = randomBytes(12).toString('base64url');
  const passwordHash = await hashSecret(password);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, disabled: 0, must_change_password: 1 })
      .where('id', '=', user.id)
      .execute();
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  });
  return password;
}
