import { useEffect } from 'react';
import { create } from 'zustand';
import type { LiveAlertsList } from '../../../shared/contract/centre-settings.ts';
import { currentSession } from './api.ts';
import { useSession } from './session-store.ts';
import { useCentrePath } from './centre-store.ts';

interface LiveAlertsState {
  /** null until the stream's first message. */
  list: LiveAlertsList | null;
  link: 'connecting' | 'live' | 'retrying';
}

/** The alerts every console page shows, fed by one server-sent event stream per page. */
export const useLiveAlerts = create<LiveAlertsState>(() => ({ list: null, link: 'connecting' }));

const EXPIRED = 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.';

/** Opens the alerts stream while the shell is shown (the alert appears without a reload). */
export function useLiveAlertsStream(): void {
  const path = useCentrePath('/api/v1/console/live-alerts/stream');
  useEffect(() => {
    useLiveAlerts.setState({ list: null, link: 'connecting' });
    const source = new EventSource(path);
    source.addEventListener('alerts', (event) => {
      useLiveAlerts.setState({
        list: JSON.parse((event as MessageEvent<string>).data) as LiveAlertsList,
        link: 'live',
      });
    });
    source.addEventListener('expired', () => {
      source.close();
      useSession.getState().expired(EXPIRED);
    });
    source.onerror = () => {
      useLiveAlerts.setState({ link: 'retrying' });
      // A refused stream (401) is not retried by the browser: find out whether the session ended.
      if (source.readyState === EventSource.CLOSED) {
        void currentSession().then((found) => {
          if (!found) useSession.getState().expired(EXPIRED);
        });
      }
    };
    return () => source.close();
  }, [path]);
}
