import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { forwardState, isTrustedSender, registerIpc } from '../../../electron/main/ipc.ts';
import type { KioskHandlers } from '../../../shared/contract/dispatch.ts';
import { CHANNEL_NAMES, STATE_CHANGED } from '../../../shared/contract/kiosk-channels.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';
import { fakeFrame } from './fake-electron.ts';

type Listener = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

function setup() {
  const listeners = new Map<string, Listener>();
  const ipc = { handle: (channel: string, listener: Listener) => listeners.set(channel, listener) };
  const submit = vi.fn(() => ({ ratingId: '0190a0b0-0000-7000-8000-000000000000', misuse: false }));
  const signIn = vi.fn();
  const handlers = { 'ratings:submit': submit, 'officer:signIn': signIn } as unknown as KioskHandlers;
  registerIpc(ipc, handlers, () => {});
  const call = (channel: string, event: Partial<IpcMainInvokeEvent>, payload: unknown) =>
    listeners.get(channel)!(event as IpcMainInvokeEvent, payload);
  return { listeners, submit, signIn, call };
}

const fromKiosk = { senderFrame: fakeFrame('app://kiosk/index.html#/rate') };

describe('IPC handlers', () => {
  it('handle every contract channel and nothing else', () => {
    expect([...setup().listeners.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('run the core for a good call from the kiosk page', async () => {
    const { call, submit } = setup();
    const result = await call('ratings:submit', fromKiosk, { level: 'tot' });
    expect(result).toEqual({ ok: true, value: { ratingId: '0190a0b0-0000-7000-8000-000000000000', misuse: false } });
    expect(submit).toHaveBeenCalledWith({ level: 'tot' });
  });

  it.each([
    ['a foreign page', { senderFrame: fakeFrame('https://example.com/') }],
    ['a file:// page', { senderFrame: fakeFrame('file:///tmp/index.html') }],
    ['a sub-frame of the kiosk page', { senderFrame: fakeFrame('app://kiosk/index.html', { subFrame: true }) }],
    ['a frame that has gone away', { senderFrame: null }],
  ])('refuse a call from %s without running the handler', async (_name, event) => {
    const { call, submit } = setup();
    const result = await call('ratings:submit', event, { level: 'tot' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((result as { error: { message: string } }).error.message).toMatch(/từ chối/);
    expect(submit).not.toHaveBeenCalled();
  });

  it('treat a frame that throws when read as untrusted', () => {
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    expect(isTrustedSender(event)).toBe(false);
  });

  it.each([
    ['a missing field', {}],
    ['an extra field', { level: 'tot', officerId: 'cb-001' }],
    ['a wrong type', { level: 5 }],
    ['a ticket id that is not text', { level: 'tot', ticketId: { $ne: null } }],
  ])('refuse a payload with %s without running the handler', async (_name, payload) => {
    const { call, submit } = setup();
    const result = await call('ratings:submit', fromKiosk, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((result as { error: { message: string } }).error.message).toMatch(/không hợp lệ/);
    expect(submit).not.toHaveBeenCalled();
  });

  it('refuse a malformed PIN before the sign-in runs', async () => {
    const { call, signIn } = setup();
    const result = await call('officer:signIn', fromKiosk, { officerId: 'cb-001', pin: '12' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(signIn).not.toHaveBeenCalled();
  });
});

describe('state forwarding', () => {
  it('sends each new state to every open window', () => {
    let listener: ((state: KioskState) => void) | undefined;
    const core = {
      onStateChanged: (l: (state: KioskState) => void) => {
        listener = l;
        return () => {};
      },
    };
    const open = { isDestroyed: () => false, webContents: { send: vi.fn() } };
    const closed = { isDestroyed: () => true, webContents: { send: vi.fn() } };
    forwardState(core, () => [open, closed] as unknown as BrowserWindow[]);
    const state = { revision: 3 } as KioskState;
    listener!(state);
    expect(open.webContents.send).toHaveBeenCalledWith(STATE_CHANGED, state);
    expect(closed.webContents.send).not.toHaveBeenCalled();
  });
});
