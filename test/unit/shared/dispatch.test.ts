import { describe, expect, it, vi } from 'vitest';
import { dispatch, type KioskHandlers } from '../../../shared/contract/dispatch.ts';
import { DomainError } from '../../../shared/contract/result.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';

/** Handlers that record calls; each test overrides the one it needs. */
function fakeHandlers(overrides: Partial<KioskHandlers> = {}): { handlers: KioskHandlers; calls: string[] } {
  const calls: string[] = [];
  const record =
    <T>(name: string, value: T) =>
    () => {
      calls.push(name);
      return value;
    };
  // Only the kiosk channels these tests call; other issues' channels are not exercised here.
  const handlers = {
    'kiosk:getState': record('kiosk:getState', { revision: 1 } as KioskState),
    'officer:signIn': record('officer:signIn', {
      id: 'cb-001',
      fullName: 'A',
      agencyId: 'ag-01',
      agencyName: 'B',
      signedInAt: '2026-11-28T09:00:00.000+07:00',
    }),
    'officer:signOut': record('officer:signOut', null),
    'ratings:submit': record('ratings:submit', { ratingId: 'r', misuse: false }),
    'ratings:addReasons': record('ratings:addReasons', null),
    'technician:verifyPin': record('technician:verifyPin', null),
    'technician:setCounter': record('technician:setCounter', null),
    'technician:exitKiosk': record('technician:exitKiosk', null),
    ...overrides,
  } as KioskHandlers;
  return { handlers, calls };
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

describe('dispatch', () => {
  it('runs the handler with the parsed payload', async () => {
    const submit = vi.fn(() => ({ ratingId: 'r-1', misuse: false }));
    const { handlers } = fakeHandlers({ 'ratings:submit': submit });
    const result = await dispatch(handlers, 'ratings:submit', { level: 'tot' });
    expect(result).toEqual({ ok: true, value: { ratingId: 'r-1', misuse: false } });
    expect(submit).toHaveBeenCalledWith({ level: 'tot' });
  });

  it('refuses an unknown channel, including names inherited from Object', async () => {
    const { handlers, calls } = fakeHandlers();
    for (const channel of ['ratings:delete', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await dispatch(handlers, channel, {});
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('unknown_channel');
        expect(result.error.message).toMatch(VIETNAMESE);
      }
    }
    expect(calls).toEqual([]);
  });

  it('refuses a bad payload with a Vietnamese message and never calls the handler', async () => {
    const { handlers, calls } = fakeHandlers();
    const bad: Array<[string, unknown]> = [
      ['ratings:submit', { level: 5 }],
      ['ratings:submit', { level: 'tot', extra: true }],
      ['ratings:submit', {}],
      ['ratings:submit', 'tot'],
      ['officer:signIn', { officerId: 'cb-001', pin: '12' }],
      ['officer:signIn', { officerId: 'cb 001; DROP', pin: '1234' }],
      ['ratings:addReasons', { ratingId: 'x', reasons: ['cho_lau'] }],
      ['ratings:addReasons', { ratingId: '019acb8e-8d2a-7c3e-9f10-2b3c4d5e6f70', reasons: [] }],
      ['kiosk:getState', { anything: 1 }],
    ];
    for (const [channel, payload] of bad) {
      const result = await dispatch(handlers, channel, payload);
      expect(result.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toMatch(/^Dữ liệu gửi lên không hợp lệ/);
        expect(result.error.message).toMatch(VIETNAMESE);
      }
    }
    expect(calls).toEqual([]);
  });

  it('names the field at fault', async () => {
    const { handlers } = fakeHandlers();
    const result = await dispatch(handlers, 'officer:signIn', { officerId: 'cb-001', pin: 'abcd' });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('(pin)') as unknown } });
    if (!result.ok) expect(result.error.message).toContain('Mã PIN gồm 4 đến 8 chữ số');
  });

  it('turns a DomainError into its code and message', async () => {
    const { handlers } = fakeHandlers({
      'ratings:submit': () => {
        throw new DomainError('already_rated', 'Phiếu này đã được đánh giá.');
      },
    });
    expect(await dispatch(handlers, 'ratings:submit', { level: 'tot', ticketId: 't-1' })).toEqual({
      ok: false,
      error: { code: 'already_rated', message: 'Phiếu này đã được đánh giá.' },
    });
  });

  it('hides an unexpected error behind a Vietnamese internal error and reports it', async () => {
    const boom = new Error('SQLITE_FULL: database or disk is full');
    const onUnexpected = vi.fn();
    const { handlers } = fakeHandlers({
      'officer:signOut': () => Promise.reject(boom),
    });
    const result = await dispatch(handlers, 'officer:signOut', { pin: '1234' }, onUnexpected);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).not.toContain('SQLITE');
      expect(result.error.message).toMatch(VIETNAMESE);
    }
    expect(onUnexpected).toHaveBeenCalledWith(boom);
  });

  it('treats a missing payload as an empty object', async () => {
    const { handlers, calls } = fakeHandlers();
    expect((await dispatch(handlers, 'kiosk:getState', undefined)).ok).toBe(true);
    expect(calls).toEqual(['kiosk:getState']);
  });
});
