import { lazy, Suspense, useEffect } from 'react';
import { currentSession } from './api.ts';
import { Layout } from './components/Layout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { TodayPage } from './pages/TodayPage.tsx';
import { routeFromHash, useSession, type Route } from './session-store.ts';

// Today is the landing page and loads with the shell; the others load when first opened.
const RatingsPage = lazy(() => import('./pages/RatingsPage.tsx'));
const AlertsPage = lazy(() => import('./pages/AlertsPage.tsx'));
const ReportsPage = lazy(() => import('./pages/ReportsPage.tsx'));
const StaffPage = lazy(() => import('./pages/StaffPage.tsx'));
const KiosksPage = lazy(() => import('./pages/KiosksPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));

const TITLES: Record<Route, string> = {
  today: 'Hôm nay',
  ratings: 'Đánh giá theo kỳ',
  alerts: 'Cảnh báo',
  reports: 'Báo cáo',
  staff: 'Cán bộ và cơ cấu',
  kiosks: 'Kiosk',
  users: 'Tài khoản',
};

function Page({ route }: { route: Route }) {
  switch (route) {
    case 'today':
      return <TodayPage />;
    case 'ratings':
      return <RatingsPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'reports':
      return <ReportsPage />;
    case 'staff':
      return <StaffPage />;
    case 'kiosks':
      return <KiosksPage />;
    case 'users':
      return <UsersPage />;
  }
}

export function App() {
  const session = useSession((s) => s.session);
  const route = useSession((s) => s.route);
  useEffect(() => {
    const onHash = () => useSession.setState({ route: routeFromHash(window.location.hash) });
    window.addEventListener('hashchange', onHash);
    void currentSession().then((found) => {
      if (found) useSession.getState().signedIn(found);
      else useSession.getState().signedOut();
    });
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${session ? TITLES[route] : 'Đăng nhập'} – Bảng điều khiển một cửa`;
  }, [route, session]);
  // The session ends on the server after its lifetime; leave the page at that moment too.
  useEffect(() => {
    if (!session) return;
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = window.setTimeout(
      () => useSession.getState().expired('Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.'),
      Math.max(0, Math.min(left, 2_000_000_000)),
    );
    return () => window.clearTimeout(timer);
  }, [session]);

  if (session === undefined) {
    return (
      <p className="loading" role="status">
        Đang tải…
      </p>
    );
  }
  if (session === null) return <LoginPage />;
  // Nothing else until a password someone else chose is replaced (the server refuses the rest).
  if (session.mustChangePassword) return <ChangePasswordPage />;
  return (
    <Layout title={TITLES[route]}>
      <Suspense
        fallback={
          <p className="loading" role="status">
            Đang tải…
          </p>
        }
      >
        <Page route={route} />
      </Suspense>
    </Layout>
  );
}
