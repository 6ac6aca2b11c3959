import { z } from 'zod';
import { IdSchema } from '../domain/config.ts';
import type { KioskState, OfficerOnDuty, SyncStatus } from './kiosk-state.ts';
import { queueChannels } from './queue-channels.ts';

/**
 * The one contract between the kiosk screens and the kiosk core: channel name → argument
 * schema (checked at runtime before anything runs) and result type. The Electron preload,
 * the IPC handlers and the browser host are all derived from this map.
 */
interface Channel<Input extends z.ZodType, Output> {
  input: Input;
  /** Phantom: carries the result type; never read at runtime. */
  output?: Output;
}
const channel =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): Channel<Input, Output> => ({ input });

const PinSchema = z.string().regex(/^\d{4,8}$/, 'Mã PIN gồm 4 đến 8 chữ số');
const Empty = z.strictObject({});

export const kioskChannels = {
  'kiosk:getState': channel<KioskState>()(Empty),
  'officer:signIn': channel<OfficerOnDuty>()(z.strictObject({ officerId: IdSchema, pin: PinSchema })),
  // The PIN of the officer on duty: a citizen at the screen must not be able to sign them out.
  'officer:signOut': channel<null>()(z.strictObject({ pin: PinSchema })),
  'ratings:submit': channel<{ ratingId: string; misuse: boolean }>()(
    z.strictObject({
      level: z.string().min(1).max(32),
      ticketId: IdSchema.optional(),
    }),
  ),
  /** `Bỏ qua` on the rating screen: the citizen declines to rate the finished ticket. */
  'ratings:decline': channel<null>()(z.strictObject({ ticketId: z.uuid('Mã phiếu không hợp lệ') })),
  'ratings:addReasons': channel<null>()(
    z.strictObject({
      ratingId: z.uuid(),
      reasons: z.array(z.string().min(1).max(32)).min(1).max(10),
    }),
  ),
  'technician:verifyPin': channel<null>()(z.strictObject({ pin: PinSchema })),
  'technician:setCounter': channel<null>()(z.strictObject({ pin: PinSchema, counterId: IdSchema })),
  /** The rating prompt's voice invitation on this kiosk (on by default). */
  'technician:setRatingVoice': channel<null>()(z.strictObject({ pin: PinSchema, on: z.boolean() })),
  'technician:exitKiosk': channel<null>()(z.strictObject({ pin: PinSchema })),
  /** Enrols this kiosk with a central server (technician only); answers the new sync status. */
  'sync:enroll': channel<SyncStatus>()(
    z.strictObject({
      /** Not needed while the kiosk belongs to no server (its first setup). */
      pin: PinSchema.optional(),
      serverUrl: z.string().trim().min(1, 'Hãy nhập địa chỉ máy chủ').max(500),
      code: z.string().trim().min(4, 'Mã đăng ký có ít nhất 4 ký tự').max(64),
      name: z.string().trim().min(1).max(200).optional(),
    }),
  ),
  /** Sends waiting events now instead of at the next scheduled attempt. */
  'sync:now': channel<SyncStatus>()(Empty),
  ...queueChannels,
} as const;

export type KioskChannels = typeof kioskChannels;
export type ChannelName = keyof KioskChannels;
export type ChannelInput<K extends ChannelName> = z.input<KioskChannels[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<KioskChannels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Exclude<KioskChannels[K]['output'], undefined>;

export const CHANNEL_NAMES = Object.keys(kioskChannels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(kioskChannels, name);
}

/** The push channel that carries a fresh KioskState to every screen. */
export const STATE_CHANGED = 'kiosk:stateChanged';
