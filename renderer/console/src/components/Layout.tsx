import type { ReactNode } from 'react';
import { logout } from '../api.ts';
import { LiveAlertBanner } from './LiveAlertBanner.tsx';
import { CentreSelector } from './CentreSelector.tsx';
import { isAdminRole } from '../../../../shared/contract/console-api.ts';
import { useSession, type Route } from '../session-store.ts';

const NAV: { route: Route; label: string; adminOnly?: boolean }[] = [
  { route: 'today', label: 'Hôm nay' },
  { route: 'ratings', label: 'Đánh giá theo kỳ' },
  { route: 'alerts', label: 'Cảnh báo' },
  { route: 'reports', label: 'Báo cáo' },
  { route: 'staff', label: 'Cán bộ và cơ cấu' },
  { route: 'kiosks', label: 'Kiosk' },
  { route: 'users', label: 'Tài khoản', adminOnly: true },
];

export function Layout({ children, title }: { children: ReactNode; title: string }) {
  const session = useSession((s) => s.session);
  const route = useSession((s) => s.route);
  const go = useSession((s) => s.go);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Bỏ qua thanh điều hướng
      </a>
      <header className="topbar">
        <span className="brand">Bảng điều khiển một cửa</span>
        <nav aria-label="Các trang">
          <ul>
            {NAV.filter((item) => !item.adminOnly || isAdminRole(session?.role)).map((item) => (
              <li key={item.route}>
                <a
                  href={`#/${item.route}`}
                  aria-current={route === item.route ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    go(item.route);
                  }}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <CentreSelector />
        <span className="who">
          {session?.username} ({isAdminRole(session?.role) ? 'quản trị viên' : 'giám sát'})
          <button type="button" className="link" onClick={() => void logout()}>
            Đăng xuất
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{title}</h1>
        <LiveAlertBanner />
        {children}
      </main>
    </div>
  );
}
