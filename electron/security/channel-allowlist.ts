import type { STATE_CHANGED } from '../../shared/contract/kiosk-channels.ts';

/**
 * The preload refuses any channel not in the contract. The contract's list comes from the
 * main process as a command-line switch of the page's renderer (webPreferences.additionalArguments,
 * readable from a sandboxed preload), so the preload bundle needs neither zod nor a second copy
 * of the channel list. A missing or empty switch means every call is refused.
 */
const SWITCH = '--hailong-channels=';

/** Same value as STATE_CHANGED in kiosk-channels.ts (checked by its type), without importing zod. */
export const STATE_CHANGED_CHANNEL: typeof STATE_CHANGED = 'kiosk:stateChanged';

export function channelAllowlistArgument(channels: readonly string[]): string {
  return `${SWITCH}${channels.join(',')}`;
}

export function readChannelAllowlist(argv: readonly string[]): ReadonlySet<string> {
  const arg = argv.find((value) => value.startsWith(SWITCH));
  if (!arg) return new Set();
  return new Set(
    arg
      .slice(SWITCH.length)
      .split(',')
      .filter((name) => /^[a-z]+:[A-Za-z]+$/.test(name)),
  );
}
