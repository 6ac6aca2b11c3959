import type { Display, Screen } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeWebContents } from './fake-electron.ts';
import { fakeEvent, key } from './fake-electron.ts';

const created = vi.hoisted(() => [] as Array<{ options: unknown; url?: string; kiosk: boolean[] }>);

vi.mock('electron', async () => {
  const { FakeWebContents: Contents } = await import('./fake-electron.ts');
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    readonly webContents = new Contents();
    readonly record: { options: unknown; url?: string; kiosk: boolean[] };
    constructor(options: unknown) {
      super();
      this.record = { options, kiosk: [] };
      created.push(this.record);
    }
    loadURL(url: string): Promise<void> {
      this.record.url = url;
      return Promise.resolve();
    }
    show(): void {}
    isDestroyed(): boolean {
      return false;
    }
    setKiosk(flag: boolean): void {
      this.record.kiosk.push(flag);
    }
  }
  return { BrowserWindow };
});

const { leaveKioskAndQuit, openKioskWindow, openOfficerWindow, pickOfficerDisplay } =
  await import('../../../electron/main/windows.ts');

function display(id: number, x: number): Display {
  return { id, bounds: { x, y: 0, width: 1920, height: 1080 } } as Display;
}
function screenWith(displays: Display[]): Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'> {
  return { getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0]! };
}

beforeEach(() => {
  created.length = 0;
});

describe('kiosk window', () => {
  it('opens app://kiosk/index.html in kiosk mode and blocks keyboard escapes', () => {
    const win = openKioskWindow('/app/dist/electron/preload/index.cjs');
    expect(created).toHaveLength(1);
    expect(created[0]!.url).toBe('app://kiosk/index.html');
    expect(created[0]!.options).toMatchObject({ kiosk: true });
    const event = fakeEvent();
    (win.webContents as unknown as FakeWebContents).emit('before-input-event', event, key('F4', { alt: true }));
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('a crashed page', () => {
  it('is loaded again, so the kiosk never stays blank', () => {
    const win = openKioskWindow('/p.cjs');
    created[0]!.url = undefined;
    (win.webContents as unknown as FakeWebContents).emit('render-process-gone', fakeEvent(), { reason: 'crashed' });
    expect(created[0]!.url).toBe('app://kiosk/index.html');
  });
});

describe('officer window', () => {
  it('is not opened with a single display', () => {
    expect(openOfficerWindow(screenWith([display(1, 0)]), '/p.cjs')).toBeNull();
    expect(created).toHaveLength(0);
  });

  it('opens the officer route on the external display', () => {
    const win = openOfficerWindow(screenWith([display(1, 0), display(2, 1920)]), '/p.cjs');
    expect(win).not.toBeNull();
    expect(created[0]!.url).toBe('app://kiosk/index.html#/officer');
    expect(created[0]!.options).toMatchObject({ x: 1920, kiosk: false, frame: false, fullscreen: true });
  });

  it('picks a display other than the primary, wherever it is listed', () => {
    const primary = display(7, 1920);
    expect(pickOfficerDisplay([display(3, 0), primary], primary)?.id).toBe(3);
  });
});

describe('leaving kiosk mode', () => {
  it('turns kiosk mode off on every window, then quits', async () => {
    const windows = [openKioskWindow('/p.cjs'), openKioskWindow('/p.cjs')];
    const quit = vi.fn();
    leaveKioskAndQuit(windows, quit);
    expect(created.map((record) => record.kiosk)).toEqual([[false], [false]]);
    expect(quit).not.toHaveBeenCalled(); // the IPC answer goes out first
    await new Promise((resolve) => setImmediate(resolve));
    expect(quit).toHaveBeenCalledOnce();
  });
});
