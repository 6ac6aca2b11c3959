import type { ReactElement } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { StorageBanner } from './components/StorageBanner.tsx';
import { OfficerConsole } from './officer/OfficerConsole.tsx';
import { isOfficerRoute } from './officer/route.ts';
import { QueueCitizenLayer } from './queue/QueueCitizenLayer.tsx';
import { TakeNumberScreen } from './queue/TakeNumberScreen.tsx';
import { IdleScreen } from './screens/IdleScreen.tsx';
import { OfficerPinScreen } from './screens/OfficerPinScreen.tsx';
import { RatingScreen } from './screens/RatingScreen.tsx';
import { SetupScreen } from './screens/SetupScreen.tsx';
import { ReasonsScreen } from './screens/ReasonsScreen.tsx';
import { SignInScreen } from './screens/SignInScreen.tsx';
import { SignOutScreen } from './screens/SignOutScreen.tsx';
import { TechnicianPinScreen } from './screens/TechnicianPinScreen.tsx';
import { TechnicianScreen } from './screens/TechnicianScreen.tsx';
import { ThanksScreen } from './screens/ThanksScreen.tsx';
import { useKiosk } from './store/kiosk-context.ts';
import type { Screen } from './store/screen.ts';
import { useScreenTimeouts } from './store/use-screen-timeouts.ts';

function renderScreen(screen: Screen): ReactElement {
  switch (screen.name) {
    case 'idle':
      return <IdleScreen />;
    case 'rating':
      return <RatingScreen error={screen.error} />;
    case 'reasons':
      return <ReasonsScreen error={screen.error} />;
    case 'thanks':
      return <ThanksScreen />;
    case 'signIn':
      return <SignInScreen />;
    case 'officerPin':
      return <OfficerPinScreen key={screen.officerId} officerId={screen.officerId} />;
    case 'signOut':
      return <SignOutScreen error={screen.error} />;
    case 'technicianPin':
      return <TechnicianPinScreen />;
    case 'technician':
      return <TechnicianScreen error={screen.error} notice={screen.notice} />;
    case 'takeNumber':
      return <TakeNumberScreen flow={screen.flow} />;
  }
}

// Read once: the officer window and the citizen screen are separate pages.
const OFFICER_ROUTE = isOfficerRoute(window.location);

export function App() {
  const loaded = useKiosk((s) => s.kiosk !== null);
  const screen = useKiosk((s) => s.screen);
  const setup = useKiosk((s) => s.kiosk?.setup ?? 'ready');
  useScreenTimeouts();
  // Until the centre has set the kiosk up, the citizen screen is the setup screen; the
  // technician screen (five taps, PIN) stays reachable once a PIN exists.
  const needsSetup = setup !== 'ready' && screen.name !== 'technician' && screen.name !== 'technicianPin';
  return (
    <>
      {loaded ? (
        OFFICER_ROUTE ? (
          <OfficerConsole />
        ) : needsSetup ? (
          <SetupScreen />
        ) : (
          renderScreen(screen)
        )
      ) : (
        <main className="screen screen--loading">
          <p className="screen-title">Đang khởi động kiosk…</p>
        </main>
      )}
      {loaded && !OFFICER_ROUTE && !needsSetup && <QueueCitizenLayer />}
      <ConnectionBanner />
      <StorageBanner />
    </>
  );
}
