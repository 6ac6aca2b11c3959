import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KioskHandlers } from '../../../shared/contract/dispatch.ts';
import { CHANNEL_NAMES } from '../../../shared/contract/kiosk-channels.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';
import { DomainError, type Result } from '../../../shared/contract/result.ts';
import type { SecretBox } from '../secret-box.ts';
import type { CoreWorkerData, FromCoreWorker, ToCoreWorker } from './messages.ts';
import { answerSecretRequest } from './secret-box-bridge.ts';

/** tsx's ESM API (its `import` condition), to register TypeScript loading inside the worker. */
function tsxApiUrl(): string {
  const root = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  return pathToFileURL(join(root, 'dist', 'esm', 'api', 'index.mjs')).href;
}

export interface CoreWorkerOptions {
  /** The worker's entry: the bundled dist/electron/main/core-worker.mjs, or the .ts source. */
  file: URL;
  /** Load tsx first (the .ts source in tests; never in the packaged app). */
  tsx?: boolean;
  data: CoreWorkerData;
  /** The OS keychain box the worker seals and opens the device token through (Electron only). */
  secretBox?: SecretBox;
  exitKiosk: () => void;
}

/** The kiosk core as main sees it: the same handlers and state events, carried to a worker thread. */
export interface CoreClient {
  handlers: KioskHandlers;
  onStateChanged(listener: (state: KioskState) => void): () => void;
  close(): void;
}

/**
 * Starts the core in a worker and resolves once its database is open (rejects with the core's
 * own Vietnamese message when it cannot start: a corrupt or newer database, say).
 */
export function startCoreWorker(options: CoreWorkerOptions): Promise<CoreClient> {
  const worker = options.tsx
    ? new Worker(
        `import(${JSON.stringify(tsxApiUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(options.file.href)}); });`,
        { eval: true, workerData: options.data },
      )
    : new Worker(options.file, { workerData: options.data });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(state: KioskState) => void>();
  let nextId = 1;
  const send = (message: ToCoreWorker) => worker.postMessage(message);

  const call = (channel: string, payload: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (result) => {
        if (result.ok) resolve(result.value);
        // Main's dispatch turns it back into the same failure the core gave.
        else reject(new DomainError(result.error.code, result.error.message));
      });
      send({ type: 'call', id, channel, payload });
    });
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((channel) => [channel, (input: unknown) => call(channel, input)]),
  ) as unknown as KioskHandlers;

  return new Promise<CoreClient>((resolve, reject) => {
    worker.on('error', (error) => {
      reject(error);
      for (const settle of pending.values()) {
        settle({ ok: false, error: { code: 'internal', message: 'Lõi kiosk đã dừng. Hãy khởi động lại kiosk.' } });
      }
      pending.clear();
    });
    worker.on('message', (message: FromCoreWorker) => {
      switch (message.type) {
        case 'ready':
          resolve({
            handlers,
            onStateChanged: (listener) => {
              listeners.add(listener);
              return () => listeners.delete(listener);
            },
            close: () => send({ type: 'close' }),
          });
          break;
        case 'failed':
          reject(new Error(message.message));
          break;
        case 'state':
          for (const listener of listeners) listener(message.state);
          break;
        case 'exit-kiosk':
          options.exitKiosk();
          break;
        case 'secret':
          if (options.secretBox) answerSecretRequest(options.secretBox, message);
          break;
        case 'result':
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
          break;
      }
    });
  });
}
