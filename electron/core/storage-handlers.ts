import type { KioskHandlers } from '../../shared/contract/dispatch.ts';
import type { ChannelName } from '../../shared/contract/kiosk-channels.ts';
import type { StorageGuard } from './storage-guard.ts';

/**
 * Channels that still run on a full disk: they only read, or must let the technician in to see
 * the state. Every other channel records something and is refused at once while the disk is full.
 */
const RUN_WHILE_FULL: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'kiosk:getState',
  'queue:officerView',
  'sync:now',
  'technician:verifyPin',
  'technician:exitKiosk',
]);

/**
 * Wraps every handler: refuses records while the disk is full, and turns a disk-full failure of
 * any handler into the kiosk's full state and one clear Vietnamese message (the transaction that
 * failed wrote nothing, so nothing is half-recorded).
 */
export function guardStorage(handlers: KioskHandlers, storage: StorageGuard): KioskHandlers {
  const guarded: Partial<Record<ChannelName, (input: unknown) => unknown>> = {};
  for (const channel of Object.keys(handlers) as ChannelName[]) {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const refuseWhenFull = !RUN_WHILE_FULL.has(channel);
    guarded[channel] = (input) => {
      if (refuseWhenFull) storage.assertWritable();
      try {
        const result = handler(input);
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              throw storage.translate(error);
            })
          : result;
      } catch (error) {
        throw storage.translate(error);
      }
    };
  }
  return guarded as unknown as KioskHandlers;
}
