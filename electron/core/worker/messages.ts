import type { KioskState } from '../../../shared/contract/kiosk-state.ts';
import type { Result } from '../../../shared/contract/result.ts';
import type { SecretBox } from '../secret-box.ts';
import type { SecretRequest } from './secret-box-bridge.ts';

/** What the Electron main process gives the core worker to start it. */
export interface CoreWorkerData {
  dataDir: string;
  /** As `hailong kiosk --printer`: tcp://host:9100, a device path, none, or absent. */
  printerUrl?: string;
  demo: boolean;
  /** Main holds an OS keychain box: the worker seals and opens the device token through it. */
  secretBoxKind?: SecretBox['kind'];
}

/** Main → worker. */
export type ToCoreWorker = { type: 'call'; id: number; channel: string; payload: unknown } | { type: 'close' };

/** Worker → main. Sent in order on one port: a state change always arrives before the answer of the call that caused it. */
export type FromCoreWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'state'; state: KioskState }
  | { type: 'exit-kiosk' }
  | SecretRequest;
