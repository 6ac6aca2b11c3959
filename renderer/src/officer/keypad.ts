export type OfficerAction = 'callNext' | 'recall' | 'start' | 'noShow' | 'transfer' | 'finish';

/**
 * USB numeric keypad shortcuts. Physical keys (event.code) first, so the numpad's decimal key
 * works whether the layout types "." or ","; then the typed character for other keyboards.
 */
const BY_CODE: Record<string, OfficerAction> = {
  NumpadAdd: 'callNext',
  NumpadEnter: 'callNext',
  NumpadMultiply: 'recall',
  Numpad0: 'start',
  NumpadSubtract: 'noShow',
  NumpadDivide: 'transfer',
  NumpadDecimal: 'finish',
};

const BY_KEY: Record<string, OfficerAction> = {
  '+': 'callNext',
  Enter: 'callNext',
  '*': 'recall',
  '0': 'start',
  '-': 'noShow',
  '/': 'transfer',
  '.': 'finish',
  Backspace: 'finish',
};

export function keypadAction(event: Pick<KeyboardEvent, 'key' | 'code'>): OfficerAction | null {
  return BY_CODE[event.code] ?? BY_KEY[event.key] ?? null;
}

/** The legend shown on the console, in the order of the buttons. */
export const KEYPAD_LEGEND: ReadonlyArray<{ keys: string; action: OfficerAction }> = [
  // With a citizen at the counter the same key finishes and calls the next (FINISH_AND_NEXT_LABEL).
  { keys: '+ hoặc Enter', action: 'callNext' },
  { keys: '*', action: 'recall' },
  { keys: '0', action: 'start' },
  { keys: '−', action: 'noShow' },
  { keys: '/', action: 'transfer' },
  { keys: '. hoặc ←', action: 'finish' },
];

/** What `+`/Enter does while a citizen is at the counter: finish, then call the next, in one press. */
export const FINISH_AND_NEXT_LABEL = 'Hoàn thành và gọi tiếp';

export const ACTION_LABELS: Record<OfficerAction, string> = {
  callNext: 'Gọi số tiếp theo',
  recall: 'Gọi lại',
  start: 'Bắt đầu phục vụ',
  noShow: 'Vắng mặt',
  transfer: 'Chuyển',
  finish: 'Hoàn thành',
};
