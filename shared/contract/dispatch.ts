import './zod-vietnamese.ts';
import type { z } from 'zod';
import {
  isChannelName,
  kioskChannels,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type ParsedInput,
} from './kiosk-channels.ts';
import type { KioskState } from './kiosk-state.ts';
import { DomainError, fail, ok, type Result } from './result.ts';

export type KioskHandlers = {
  [K in ChannelName]: (input: ParsedInput<K>) => ChannelOutput<K> | Promise<ChannelOutput<K>>;
};

/** What the screens see, whether the core is behind Electron IPC or the browser host. */
export interface KioskApi {
  invoke<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>>;
  onStateChanged(listener: (state: KioskState) => void): () => void;
}

/** Vietnamese summary of a schema failure: which field, and what is wrong with it. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'Dữ liệu gửi lên không hợp lệ';
  const where = first.path.length > 0 ? ` (${first.path.join('.')})` : '';
  return `Dữ liệu gửi lên không hợp lệ${where}: ${first.message}`;
}

/**
 * Validates a call from outside and runs its handler. Both the Electron IPC handlers and the
 * browser host go through here, so a bad channel or payload is refused the same way
 * everywhere, before any handler runs.
 */
export async function dispatch(
  handlers: KioskHandlers,
  channel: unknown,
  payload: unknown,
  onUnexpected: (error: unknown) => void = () => {},
): Promise<Result<unknown>> {
  if (!isChannelName(channel)) return fail('unknown_channel', 'Yêu cầu không được hỗ trợ');
  const parsed = kioskChannels[channel].input.safeParse(payload ?? {});
  if (!parsed.success) return fail('invalid_input', describeIssues(parsed.error));
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof DomainError) return fail(error.code, error.message);
    onUnexpected(error);
    return fail('internal', 'Đã có lỗi không mong muốn. Vui lòng thử lại hoặc báo cán bộ CNTT.');
  }
}
