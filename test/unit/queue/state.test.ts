import { describe, expect, it } from 'vitest';
import {
  TICKET_ACTIONS,
  TICKET_STATUSES,
  isFinal,
  nextStatus,
  transition,
  type TicketAction,
  type TicketStatus,
} from '../../../shared/domain/queue-state.ts';

/** The whole table, written out independently of the implementation. */
const ALLOWED: Record<string, TicketStatus> = {
  'waiting/call': 'called',
  'called/recall': 'called',
  'called/start': 'serving',
  'serving/finish': 'done',
  'called/noShow': 'no_show',
  'no_show/undoNoShow': 'waiting',
  'called/transfer': 'transferred',
  'serving/transfer': 'transferred',
  'waiting/cancel': 'cancelled',
  'called/cancel': 'cancelled',
};

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựáàãéèíìóòõúùý]/i;

describe('ticket state machine', () => {
  const cases: Array<[TicketStatus, TicketAction]> = TICKET_STATUSES.flatMap((s) =>
    TICKET_ACTIONS.map((a): [TicketStatus, TicketAction] => [s, a]),
  );

  it.each(cases)('%s + %s', (status, action) => {
    const expected = ALLOWED[`${status}/${action}`] ?? null;
    expect(nextStatus(status, action)).toBe(expected);
    const result = transition(status, action, '1001');
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(VIETNAMESE);
        expect(result.message).toContain('1001');
        expect(result.message.normalize('NFC')).toBe(result.message);
      }
    } else {
      expect(result).toEqual({ ok: true, status: expected });
    }
  });

  it('recall keeps the ticket called', () => {
    expect(nextStatus('called', 'recall')).toBe('called');
  });

  it('final states accept no action at all, except the undo of a mistaken no-show', () => {
    for (const status of TICKET_STATUSES.filter(isFinal)) {
      for (const action of TICKET_ACTIONS) {
        if (status === 'no_show' && action === 'undoNoShow') continue;
        expect(nextStatus(status, action), `${status}/${action}`).toBeNull();
      }
    }
    expect(TICKET_STATUSES.filter(isFinal).sort()).toEqual(['cancelled', 'done', 'no_show', 'transferred']);
  });

  it('explains a refused finish in words the officer understands', () => {
    expect(transition('waiting', 'finish', '1002')).toEqual({
      ok: false,
      message: 'Không thể hoàn thành: Số 1002 đang chờ.',
    });
  });
});
