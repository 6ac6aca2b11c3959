import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from '../../../electron/core/pin-hash.ts';
import { DomainError } from '../../../shared/contract/result.ts';
import { DEMO_PIN, DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import { countRows, demoCore, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore | undefined;
afterEach(() => {
  kiosk?.close();
  kiosk = undefined;
});

async function failure(run: () => unknown): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('PIN hashing', () => {
  it('stores a salted scrypt hash, never the PIN, and verifies it', async () => {
    const hash = await hashSecret('1234');
    expect(hash).not.toContain('1234');
    expect(hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await hashSecret('1234')).not.toBe(hash);
    expect(await verifySecret('1234', hash)).toBe(true);
    expect(await verifySecret('1235', hash)).toBe(false);
    expect(await verifySecret('', hash)).toBe(false);
    expect(await verifySecret('1234', 'plain$1234')).toBe(false);
    // Four checks at the PIN cost (~0.4 s each idle, seconds each on a loaded machine).
  }, 60_000);

  it('keeps officer PINs hashed in the database', async () => {
    kiosk = await demoCore();
    const pins = kiosk.core.db.prepare<[], string | null>('SELECT pin_hash FROM officers').pluck().all();
    expect(pins.length).toBe(8);
    for (const pin of pins) expect(pin).toMatch(/^scrypt\$/);
    expect(kiosk.core.config.getSetting('technician.pinHash')).toMatch(/^scrypt\$/);
  });
});

describe('officer sign-in lockout', () => {
  it('counts down the tries left, then locks even the right PIN until the lock ends', async () => {
    kiosk = await demoCore();
    const { core, clock } = kiosk;
    const signIn = (pin: string) => core.duty.signIn('q-1', 'cb-002', pin);
    for (let left = 4; left >= 1; left -= 1) {
      const error = await failure(() => signIn('0000'));
      expect(error.code).toBe('wrong_pin');
      expect(error.message).toBe(`Mã PIN không đúng. Còn ${left} lần thử.`);
    }
    const locking = await failure(() => signIn('0000'));
    expect(locking.code).toBe('locked_out');
    // Locked at 09:00 Vietnam time for one minute (the first lock).
    expect(locking.message).toContain('09:01');
    expect((await failure(() => signIn(DEMO_PIN))).code).toBe('locked_out');
    clock.advance(59_000);
    expect((await failure(() => signIn(DEMO_PIN))).code).toBe('locked_out');
    // Nobody new was signed in while locked.
    expect(core.duty.onDuty('q-1')?.id).toBe('cb-001');
    clock.advance(1_000 + 1);
    expect((await signIn(DEMO_PIN)).id).toBe('cb-002');
    // A success clears the count.
    expect(countRows(core, 'pin_attempts')).toBe(0);
  });

  it('starts a fresh count after a lock has expired', async () => {
    kiosk = await demoCore();
    const { core, clock } = kiosk;
    for (let i = 0; i < 5; i += 1) await failure(() => core.duty.signIn('q-1', 'cb-002', '0000'));
    clock.advance(60_000 + 1);
    expect((await failure(() => core.duty.signIn('q-1', 'cb-002', '0000'))).message).toContain('Còn 4 lần thử');
  });

  it('grows each lock gradually (1, 2, 4, 8, then at most 15 minutes) and tells the officer console', async () => {
    kiosk = await demoCore();
    const { core, clock } = kiosk;
    const lockMinutes: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      for (let i = 0; i < 4; i += 1)
        expect((await failure(() => core.duty.signIn('q-1', 'cb-002', '0000'))).code).toBe('wrong_pin');
      expect((await failure(() => core.duty.signIn('q-1', 'cb-002', '0000'))).code).toBe('locked_out');
      const [lock] = core.state().officerLocks;
      expect(lock).toMatchObject({ officerId: 'cb-002', fullName: expect.any(String) as string });
      const minutes = (Date.parse(lock!.until) - clock.now().getTime()) / 60_000;
      lockMinutes.push(minutes);
      clock.advance(minutes * 60_000 + 1);
      expect(core.state().officerLocks).toEqual([]);
    }
    expect(lockMinutes).toEqual([1, 2, 4, 8, 15, 15]);
    // The right PIN after a lock ends clears everything: the next mistake starts from one minute again.
    expect((await core.duty.signIn('q-1', 'cb-002', DEMO_PIN)).id).toBe('cb-002');
    expect(countRows(core, 'pin_attempts')).toBe(0);
  }, 120_000);

  it('locks one officer without locking another', async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    for (let i = 0; i < 5; i += 1) await failure(() => core.duty.signIn('q-1', 'cb-002', '0000'));
    expect((await core.duty.signIn('q-1', 'cb-003', DEMO_PIN)).id).toBe('cb-003');
  });

  it('cannot be outrun by many guesses sent at once', async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    // Guesses in flight together must still count one by one.
    const guesses = Array.from({ length: 12 }, (_, i) => String(1000 + i * 7).padStart(4, '0'));
    const outcomes = await Promise.allSettled(guesses.map((pin) => core.duty.signIn('q-1', 'cb-002', pin)));
    const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as DomainError).code : 'ok'));
    expect(codes.filter((c) => c === 'wrong_pin').length).toBe(4);
    expect(codes.filter((c) => c === 'locked_out').length).toBe(8);
    expect((await failure(() => core.duty.signIn('q-1', 'cb-002', DEMO_PIN))).code).toBe('locked_out');
  });

  it('refuses an officer who is not in the list', async () => {
    kiosk = await demoCore();
    expect((await failure(() => kiosk!.core.duty.signIn('q-1', 'cb-999', DEMO_PIN))).code).toBe('not_found');
  });
});

describe('technician PIN', () => {
  it('locks after five wrong PINs and opens again after the lock', async () => {
    kiosk = await demoCore();
    const { core, clock } = kiosk;
    await core.handlers['technician:verifyPin']({ pin: DEMO_TECHNICIAN_PIN });
    const wrong = await failure(() => core.handlers['technician:verifyPin']({ pin: '1111' }));
    expect(wrong.message).toContain('Còn 4 lần thử');
    for (let i = 0; i < 4; i += 1) await failure(() => core.handlers['technician:verifyPin']({ pin: '1111' }));
    expect((await failure(() => core.handlers['technician:verifyPin']({ pin: DEMO_TECHNICIAN_PIN }))).code).toBe(
      'locked_out',
    );
    // The officer PIN count is separate from the technician's.
    expect((await core.duty.signIn('q-1', 'cb-002', DEMO_PIN)).id).toBe('cb-002');
    clock.advance(60_000 + 1);
    await expect(core.handlers['technician:verifyPin']({ pin: DEMO_TECHNICIAN_PIN })).resolves.toBeNull();
  });

  it('guards the counter setting', async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    expect((await failure(() => core.handlers['technician:setCounter']({ pin: '1111', counterId: 'q-2' }))).code).toBe(
      'wrong_pin',
    );
    expect(core.counterId()).toBe('q-1');
    await core.handlers['technician:setCounter']({ pin: DEMO_TECHNICIAN_PIN, counterId: 'q-2' });
    expect(core.counterId()).toBe('q-2');
    expect(
      (await failure(() => core.handlers['technician:setCounter']({ pin: DEMO_TECHNICIAN_PIN, counterId: 'q-99' })))
        .code,
    ).toBe('not_found');
  });
});
