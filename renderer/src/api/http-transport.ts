import { isOfficerRoute } from '../officer/route.ts';
import type { KioskApi } from '../../../shared/contract/dispatch.ts';
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  STATE_CHANGED,
} from '../../../shared/contract/kiosk-channels.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';
import type { Result } from '../../../shared/contract/result.ts';
import type { KioskTransport } from './kiosk-transport.ts';

// Typed against the contract's constant without pulling its runtime schemas into the bundle.
const STATE_EVENT: typeof STATE_CHANGED = 'kiosk:stateChanged';

const UNREACHABLE: Result<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'Mất kết nối với kiosk. Vui lòng thử lại sau giây lát.' },
};

function isResult(body: unknown): body is Result<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

async function invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
  try {
    // Relative URL: the page is served by the browser host from its own origin.
    const response = await fetch(`api/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    // Refusals (4xx) carry a Result too, with the Vietnamese message to show.
    const body: unknown = await response.json();
    return isResult(body) ? body : UNREACHABLE;
  } catch {
    return UNREACHABLE;
  }
}

/**
 * The browser host's transport: calls as `POST api/invoke/<channel>`, state as server-sent
 * events. EventSource reconnects by itself; the connection listeners drive the banner.
 */
export function createHttpTransport(): KioskTransport {
  const stateListeners = new Set<(state: KioskState) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let source: EventSource | null = null;

  const open = (): void => {
    if (source) return;
    // The host counts citizen screens apart from officer consoles (a prompt needs a citizen screen).
    source = new EventSource(isOfficerRoute(location) ? 'api/state?screen=officer' : 'api/state');
    source.addEventListener('open', () => {
      for (const listener of connectionListeners) listener(true);
    });
    source.addEventListener('error', () => {
      for (const listener of connectionListeners) listener(false);
    });
    source.addEventListener(STATE_EVENT, (event) => {
      const state = JSON.parse((event as MessageEvent<string>).data) as KioskState;
      for (const listener of stateListeners) listener(state);
    });
  };

  const api: KioskApi = {
    invoke: <K extends ChannelName>(channel: K, input: ChannelInput<K>) =>
      invoke(channel, input) as Promise<Result<ChannelOutput<K>>>,
    onStateChanged(listener) {
      stateListeners.add(listener);
      open();
      return () => stateListeners.delete(listener);
    },
  };

  return {
    api,
    onConnectionChanged(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
