// Stand-ins for the few Electron objects the shell touches; the real binary cannot run here.
import { EventEmitter } from 'node:events';
import type { Input, Session, WebContents, WebFrameMain } from 'electron';
import { vi } from 'vitest';

export interface FakeSession {
  requestHandler: ((...args: unknown[]) => void) | null;
  checkHandler: ((...args: unknown[]) => boolean) | null;
  deviceHandler: ((...args: unknown[]) => boolean) | null;
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void;
}

export function fakeSession(): FakeSession {
  return {
    requestHandler: null,
    checkHandler: null,
    deviceHandler: null,
    setPermissionRequestHandler(handler) {
      this.requestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      this.checkHandler = handler;
    },
    setDevicePermissionHandler(handler) {
      this.deviceHandler = handler;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  readonly session = fakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
  asSession(): Session {
    return this.session as unknown as Session;
  }
}

/** An event whose preventDefault is observable, as Electron's are. */
export function fakeEvent<T extends object>(
  fields: T = {} as T,
): T & { defaultPrevented: boolean; preventDefault(): void } {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export function fakeFrame(url: string, options: { subFrame?: boolean } = {}): WebFrameMain {
  const parent = options.subFrame ? ({ url: 'app://kiosk/index.html', parent: null } as unknown as WebFrameMain) : null;
  return { url, parent } as unknown as WebFrameMain;
}

export function key(code: string, modifiers: Partial<Pick<Input, 'control' | 'meta' | 'alt' | 'shift'>> = {}): Input {
  return {
    type: 'keyDown',
    key: code,
    code,
    isAutoRepeat: false,
    isComposing: false,
    shift: false,
    control: false,
    alt: false,
    meta: false,
    location: 0,
    modifiers: [],
    ...modifiers,
  };
}

export interface FakeWindowRecord {
  options: Record<string, unknown>;
  url?: string;
  kiosk: boolean[];
  webContents: FakeWebContents;
}

/** The main-process side of `electron`, enough to run electron/main/index.ts. */
export function createFakeMainElectron(displayCount = 1) {
  const order: string[] = [];
  const windows: FakeWindowRecord[] = [];
  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    lockGranted: true,
    requestSingleInstanceLock: vi.fn(function (this: { lockGranted: boolean }) {
      order.push('requestSingleInstanceLock');
      return this.lockGranted;
    }),
    whenReady: vi.fn(() => {
      order.push('whenReady');
      return Promise.resolve();
    }),
    getPath: vi.fn(() => '/nonexistent/userData'),
    quit: vi.fn(() => order.push('quit')),
    exit: vi.fn(),
    setLoginItemSettings: vi.fn(),
  });
  class BrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    private readonly record: FakeWindowRecord;
    constructor(options: Record<string, unknown>) {
      super();
      order.push('new BrowserWindow');
      this.record = { options, kiosk: [], webContents: this.webContents };
      windows.push(this.record);
    }
    loadURL(url: string): Promise<void> {
      this.record.url = url;
      return Promise.resolve();
    }
    show(): void {}
    focus(): void {}
    isDestroyed(): boolean {
      return false;
    }
    setKiosk(flag: boolean): void {
      this.record.kiosk.push(flag);
    }
  }
  const display = (id: number, x: number) => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 } });
  const displays = Array.from({ length: displayCount }, (_, i) => display(i + 1, i * 1920));
  return {
    order,
    windows,
    ipcHandlers,
    module: {
      app,
      BrowserWindow,
      protocol: {
        registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
        handle: vi.fn(() => order.push('protocol.handle')),
      },
      ipcMain: {
        handle: vi.fn((channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
          ipcHandlers.set(channel, handler),
        ),
      },
      screen: { getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0] },
      dialog: { showErrorBox: vi.fn() },
      safeStorage: fakeSafeStorage(),
    },
  };
}

/**
 * Electron's safeStorage with a stand-in cipher (XOR with a key the "OS" holds): enough to
 * see that what is stored is not the secret and comes back only through the same keychain.
 */
export function fakeSafeStorage(options: { available?: boolean; backend?: string; key?: number } = {}) {
  const key = options.key ?? 0x5a;
  const xor = (data: Buffer) => Buffer.from(data.map((byte) => byte ^ key));
  return {
    isEncryptionAvailable: vi.fn(() => options.available ?? true),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptString: vi.fn((plain: string) => xor(Buffer.from(`keychain:${plain}`, 'utf8'))),
    decryptString: vi.fn((sealed: Buffer) => {
      const text = xor(sealed).toString('utf8');
      if (!text.startsWith('keychain:'))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice('keychain:'.length);
    }),
  };
}
