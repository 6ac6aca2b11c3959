import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kioskWindowOptions } from '../../../electron/main/window-options.ts';
import { readChannelAllowlist } from '../../../electron/security/channel-allowlist.ts';
import type { KioskApi } from '../../../shared/contract/dispatch.ts';
import { CHANNEL_NAMES, STATE_CHANGED } from '../../../shared/contract/kiosk-channels.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed,
    listeners,
    contextBridge: { exposeInMainWorld: (name: string, value: unknown) => exposed.set(name, value) },
    ipcRenderer: {
      invoke: vi.fn((channel: string) => Promise.resolve({ ok: true, value: `answer from ${channel}` })),
      on(channel: string, listener: (...args: unknown[]) => void) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener(channel: string, listener: (...args: unknown[]) => void) {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

/** The switches the main process gives the kiosk window's renderer, as process.argv. */
const windowArguments = kioskWindowOptions('/p.cjs').webPreferences?.additionalArguments ?? [];
const originalArgv = process.argv;

async function loadPreload(argv: string[]): Promise<KioskApi> {
  process.argv = [...originalArgv, ...argv];
  electron.exposed.clear();
  vi.resetModules();
  await import('../../../electron/preload/index.ts');
  process.argv = originalArgv;
  return electron.exposed.get('hailong') as KioskApi;
}

let api: KioskApi;
beforeAll(async () => {
  api = await loadPreload(windowArguments);
});
afterAll(() => {
  process.argv = originalArgv;
});

function emitState(state: unknown): void {
  const ipcEvent = { sender: 'ipcRenderer itself', senderId: 0 };
  for (const listener of electron.listeners.get(STATE_CHANGED) ?? []) listener(ipcEvent, state);
}

describe('preload', () => {
  it('exposes exactly invoke and onStateChanged, under one name', () => {
    expect([...electron.exposed.keys()]).toEqual(['hailong']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onStateChanged']);
  });

  it('passes a contract call to the main process', async () => {
    const result = await api.invoke('ratings:submit', { level: 'tot' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('ratings:submit', { level: 'tot' });
    expect(result).toEqual({ ok: true, value: 'answer from ratings:submit' });
  });

  it.each(['shell:openExternal', 'kiosk:stateChanged', '__proto__', 'constructor', ''])(
    'refuses the unknown channel %j without reaching the main process',
    async (channel) => {
      electron.ipcRenderer.invoke.mockClear();
      const result = await (api.invoke as (channel: string, input: unknown) => Promise<unknown>)(channel, {});
      expect(result).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Yêu cầu không được hỗ trợ' } });
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('gives state listeners the state only, and unsubscribes only that listener', () => {
    const first: unknown[][] = [];
    const second: unknown[][] = [];
    const stopFirst = api.onStateChanged((...args) => first.push(args));
    api.onStateChanged((...args) => second.push(args));
    const state = { revision: 1 } as KioskState;
    emitState(state);
    expect(first).toEqual([[state]]);
    stopFirst();
    emitState({ revision: 2 });
    expect(first).toHaveLength(1);
    expect(second).toEqual([[state], [{ revision: 2 }]]);
  });
});

describe('channel allowlist given to the preload', () => {
  it('is exactly the contract, as the main process passes it to the window', () => {
    expect([...readChannelAllowlist(windowArguments)].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('lets every contract channel through', async () => {
    for (const channel of CHANNEL_NAMES) {
      electron.ipcRenderer.invoke.mockClear();
      await (api.invoke as (channel: string, input: unknown) => Promise<unknown>)(channel, {});
      expect(electron.ipcRenderer.invoke, channel).toHaveBeenCalledOnce();
    }
  });

  it('refuses every call when the main process gave no list', async () => {
    const bare = await loadPreload([]);
    electron.ipcRenderer.invoke.mockClear();
    const result = await bare.invoke('kiosk:getState', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});
