// Runs in the page's sandbox before the screens load. It exposes the kiosk contract and
// nothing else: no ipcRenderer, no process, no generic send.
// https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KioskApi } from '../../shared/contract/dispatch.ts';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/kiosk-channels.ts';
import type { KioskState } from '../../shared/contract/kiosk-state.ts';
import { fail, type Result } from '../../shared/contract/result.ts';
import { readChannelAllowlist, STATE_CHANGED_CHANNEL } from '../security/channel-allowlist.ts';

const allowed = readChannelAllowlist(process.argv);

const api = {
  invoke<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>> {
    // Checked here too, because the page's scripts can pass anything through the bridge.
    if (typeof channel !== 'string' || !allowed.has(channel))
      return Promise.resolve(fail('unknown_channel', 'Yêu cầu không được hỗ trợ'));
    return ipcRenderer.invoke(channel, input) as Promise<Result<ChannelOutput<K>>>;
  },
  onStateChanged(listener: (state: KioskState) => void): () => void {
    // The page gets the state only, never the IpcRendererEvent (which carries the sender).
    const forward = (_event: IpcRendererEvent, state: KioskState): void => {
      listener(state);
    };
    ipcRenderer.on(STATE_CHANGED_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(STATE_CHANGED_CHANNEL, forward);
    };
  },
} satisfies KioskApi;

contextBridge.exposeInMainWorld('hailong', api);
