import { useState } from 'react';
import { api } from '../api.ts';
import { Message } from '../components/Message.tsx';
import { dateTime } from '../format.ts';
import { isAdminRole } from '../../../../shared/contract/console-api.ts';
import { useSession } from '../session-store.ts';
import { useAction } from '../use-action.ts';
import { useFetch } from '../use-fetch.ts';

interface User {
  id: string;
  username: string;
  role: 'province_admin' | 'admin' | 'supervisor';
  disabled: boolean;
  createdAt: string;
}

const ROLE = { province_admin: 'Quản trị viên cấp tỉnh', admin: 'Quản trị viên', supervisor: 'Giám sát' } as const;

export default function UsersPage() {
  const session = useSession((s) => s.session);
  const admin = isAdminRole(session?.role);
  const { data, error, reload } = useFetch<User[]>(admin ? '/api/v1/users' : null);
  const { flash, busy, run } = useAction(reload);
  const [form, setForm] = useState({ username: '', password: '', role: 'supervisor' as User['role'] });
  const [resetting, setResetting] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  if (!admin || !session) return <p className="error">Chỉ quản trị viên được quản lý tài khoản.</p>;
  const patch = (user: User, body: object, success: string) =>
    void run(() => api(`/api/v1/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', json: body }), success);
  return (
    <>
      <Message flash={flash} />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <section className="card" aria-labelledby="h-users">
        <h2 id="h-users">Danh sách tài khoản</h2>
        <div className="table-wrap">
          <table className="data">
            <caption>Quản trị viên và giám sát</caption>
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Tạo lúc</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {(data ?? []).map((u) => {
                const self = u.username === session.username;
                return (
                  <tr key={u.id}>
                    <th scope="row">{u.username}</th>
                    <td>{ROLE[u.role]}</td>
                    <td>{u.disabled ? <span className="pill bad">Đã khoá</span> : 'Đang dùng'}</td>
                    <td>{dateTime(u.createdAt)}</td>
                    <td className="actions">
                      {self ? (
                        <span className="small muted self-note">Tài khoản đang dùng</span>
                      ) : (
                        <>
                          <button
                            type="button"
                            disabled={busy}
                            onClick={() =>
                              patch(
                                u,
                                { role: isAdminRole(u.role) ? 'supervisor' : 'admin' },
                                `Đã đổi vai trò của ${u.username}.`,
                              )
                            }
                          >
                            {isAdminRole(u.role) ? 'Hạ xuống giám sát' : 'Nâng lên quản trị'}
                          </button>
                          <button
                            type="button"
                            disabled={busy}
                            onClick={() =>
                              patch(
                                u,
                                { disabled: !u.disabled },
                                u.disabled ? `Đã mở khoá ${u.username}.` : `Đã khoá ${u.username}.`,
                              )
                            }
                          >
                            {u.disabled ? 'Mở khoá' : 'Khoá'}
                          </button>
                        </>
                      )}
                      <button
                        type="button"
                        onClick={() => setResetting(resetting === u.id ? null : u.id)}
                        aria-expanded={resetting === u.id}
                      >
                        Đổi mật khẩu
                      </button>
                      {resetting === u.id ? (
                        <form
                          className="inline-form"
                          onSubmit={(e) => {
                            e.preventDefault();
                            patch(u, { password: newPassword }, `Đã đổi mật khẩu của ${u.username}.`);
                            setNewPassword('');
                            setResetting(null);
                          }}
                        >
                          <label>
                            <span>Mật khẩu mới (ít nhất 10 ký tự)</span>
                            <input
                              type="password"
                              autoComplete="new-password"
                              minLength={10}
                              value={newPassword}
                              onChange={(e) => setNewPassword(e.target.value)}
                              required
                            />
                          </label>
                          <button type="submit" className="primary">
                            Lưu
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <form
        className="card inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            () => api('/api/v1/users', { method: 'POST', json: form }),
            `Đã tạo tài khoản ${form.username}.`,
          ).then((ok) => ok && setForm({ username: '', password: '', role: 'supervisor' }));
        }}
      >
        <h2>Thêm tài khoản</h2>
        <label>
          <span>Tên đăng nhập</span>
          <input
            value={form.username}
            autoComplete="off"
            onChange={(e) => setForm({ ...form, username: e.target.value })}
            required
          />
        </label>
        <label>
          <span>Mật khẩu (ít nhất 10 ký tự)</span>
          <input
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
          />
        </label>
        <label>
          <span>Vai trò</span>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as User['role'] })}>
            <option value="supervisor">Giám sát</option>
            <option value="admin">Quản trị viên</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Tạo tài khoản
        </button>
      </form>
    </>
  );
}
