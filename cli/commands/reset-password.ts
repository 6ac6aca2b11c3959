import { parseArgs } from 'node:util';
import { resetPassword } from '../../server/auth/reset-password.ts';
import { UsageError } from '../usage-error.ts';
import { DB_OPTIONS, openCliDb } from './server.ts';

/** `hailong server reset-password` (usage in SERVER_USAGE). */
export async function runResetPassword(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { ...DB_OPTIONS, user: { type: 'string' } },
    strict: true,
  });
  const username = values.user?.trim();
  if (!username) throw new UsageError('Cần --user TÊN_ĐĂNG_NHẬP (ví dụ --user admin).');
  const server = await openCliDb(values);
  try {
    const password = await resetPassword(server.db, username);
    if (password === null) throw new UsageError(`Không có tài khoản "${username}" trong cơ sở dữ liệu này.`);
    console.log(`Mật khẩu mới của ${username}: ${password}`);
    console.log('Mọi phiên đăng nhập cũ của tài khoản này đã kết thúc. Hãy đổi mật khẩu sau khi đăng nhập.');
  } finally {
    await server.close();
  }
}
