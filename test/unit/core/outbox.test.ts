import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PIN } from '../../../shared/domain/demo-config.ts';
import { KioskEventSchema } from '../../../shared/domain/events.ts';
import { countRows, demoCore, servedTicket, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore;
afterEach(() => kiosk.close());

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function submit(k: DemoCore, level = 'tot', ticketId?: string) {
  return k.core.ratings.submit({ counterId: 'q-1', level, ticketId, walkUpIntervalMs: 5000 });
}

describe('outbox written with its change', () => {
  it('writes no rating when its event cannot be written', async () => {
    kiosk = await demoCore();
    const ticketId = await servedTicket(kiosk.core);
    const events = countRows(kiosk.core, 'events');
    kiosk.core.db.exec(
      "CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'outbox full'); END",
    );
    expect(() => submit(kiosk)).toThrow('outbox full');
    expect(() => submit(kiosk, 'tot', ticketId)).toThrow('outbox full');
    expect(countRows(kiosk.core, 'ratings')).toBe(0);
    expect(countRows(kiosk.core, 'events')).toBe(events);
    kiosk.core.db.exec('DROP TRIGGER refuse_events');
    // The ticket was not marked as rated by the failed attempt.
    expect(submit(kiosk, 'tot', ticketId).misuse).toBe(false);
  });

  it('signs nobody in or out when the event cannot be written', async () => {
    kiosk = await demoCore();
    kiosk.core.db.exec("CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'x'); END");
    await expect(kiosk.core.duty.signIn('q-1', 'cb-002', DEMO_PIN)).rejects.toThrow('x');
    expect(kiosk.core.duty.onDuty('q-1')?.id).toBe('cb-001');
    expect(() => kiosk.core.duty.signOut('q-1')).toThrow('x');
    expect(kiosk.core.duty.onDuty('q-1')?.id).toBe('cb-001');
  });

  it('writes no reasons when their event cannot be written', async () => {
    kiosk = await demoCore();
    const { ratingId } = submit(kiosk, 'kem');
    kiosk.core.db.exec("CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'x'); END");
    expect(() => kiosk.core.ratings.addReasons(ratingId, ['cho_lau'])).toThrow('x');
    expect(kiosk.core.db.prepare('SELECT reasons FROM ratings WHERE id = ?').pluck().get(ratingId)).toBeNull();
  });

  it('refuses to append outside a transaction', async () => {
    kiosk = await demoCore();
    expect(() =>
      kiosk.core.outbox.append({
        id: '019acb8e-8d2a-7c3e-9f10-2b3c4d5e6f70',
        type: 'officer.signed_out',
        occurredAt: '2026-11-28T09:00:00.000+07:00',
        officerId: 'cb-001',
        counterId: 'q-1',
        cause: 'manual',
      }),
    ).toThrow(/inside a transaction/);
  });
});

describe('event log', () => {
  it('numbers events 1, 2, 3 … with no gap, even across refused calls, with unique UUIDv7 ids', async () => {
    kiosk = await demoCore();
    for (let i = 0; i < 30; i += 1) {
      kiosk.clock.advance(1_000);
      const ticketId = i % 3 === 0 ? await servedTicket(kiosk.core) : undefined;
      submit(kiosk, i % 2 === 0 ? 'tot' : 'kem', ticketId);
      // Refused calls in between must not use up a number.
      expect(() => submit(kiosk, 'xuat_sac')).toThrow();
      if (ticketId) expect(() => submit(kiosk, 'tot', ticketId)).toThrow();
    }
    await kiosk.core.duty.signIn('q-1', 'cb-002', DEMO_PIN);
    kiosk.core.duty.signOut('q-1');
    const rows = kiosk.core.db
      .prepare<[], { seq: number; id: string }>('SELECT seq, id FROM events ORDER BY seq')
      .all();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    for (const row of rows) expect(row.id).toMatch(UUID_V7);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // Every event body carries its own seq and id, and parses.
    for (const event of kiosk.core.outbox.all()) expect(KioskEventSchema.safeParse(event).success).toBe(true);
    expect([...kiosk.core.outbox.all()].map((e) => e.seq)).toEqual(rows.map((r) => r.seq));
  });

  it('lists unsent events and forgets them once delivered', async () => {
    kiosk = await demoCore();
    submit(kiosk);
    const pending = kiosk.core.outbox.unsent(100);
    expect(pending.length).toBe(kiosk.core.outbox.pendingCount());
    kiosk.core.outbox.markDelivered([pending[0]!.id, 'unknown-id'], '2026-11-28T09:01:00.000+07:00');
    expect(kiosk.core.outbox.pendingCount()).toBe(pending.length - 1);
    expect(kiosk.core.outbox.unsent(100)[0]!.seq).toBe(pending[1]!.seq);
  });

  // Runs the real CLI in a child process through tsx: slow to start on a busy machine.
  it('exports JSON lines that match the event schema, one per event', async () => {
    kiosk = await demoCore();
    for (let i = 0; i < 5; i += 1) {
      kiosk.clock.advance(1_000);
      submit(kiosk, 'kem');
    }
    const last = [...kiosk.core.outbox.all()].at(-1)!;
    kiosk.core.ratings.addReasons(last.id, ['thai_do']);
    const out = join(kiosk.dir, 'export.jsonl');
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'cli/index.ts', 'kiosk', 'export', '--data-dir', kiosk.dir, '--out', out],
      { encoding: 'utf8' },
    );
    expect(cli.stderr).toContain(`Đã xuất ${countRows(kiosk.core, 'events')} sự kiện`);
    expect(cli.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(countRows(kiosk.core, 'events'));
    const events = lines.map((line) => KioskEventSchema.parse(JSON.parse(line)));
    expect(events.map((e) => e.type)).toEqual([
      'officer.signed_in',
      ...Array<string>(5).fill('rating.submitted'),
      'rating.reasons_added',
    ]);
  }, 30_000);
});

describe('officer duty', () => {
  it('keeps one officer per counter: a new sign-in replaces the one before', async () => {
    kiosk = await demoCore();
    kiosk.clock.advance(60_000);
    await kiosk.core.duty.signIn('q-1', 'cb-002', DEMO_PIN);
    expect(kiosk.core.duty.onDuty('q-1')?.id).toBe('cb-002');
    expect(countRows(kiosk.core, 'duty')).toBe(1);
    const events = [...kiosk.core.outbox.all()];
    expect(events.slice(-2)).toMatchObject([
      { type: 'officer.signed_out', officerId: 'cb-001', counterId: 'q-1', cause: 'replaced' },
      { type: 'officer.signed_in', officerId: 'cb-002', agencyId: 'ag-11', counterId: 'q-1' },
    ]);
    expect(events.at(-1)!.occurredAt).toBe('2026-11-28T09:01:00.000+07:00');
  });

  it('keeps one counter per officer: signing in elsewhere ends the old duty', async () => {
    kiosk = await demoCore();
    await kiosk.core.duty.signIn('q-2', 'cb-001', DEMO_PIN);
    expect(kiosk.core.duty.onDuty('q-1')).toBeNull();
    expect(kiosk.core.duty.onDuty('q-2')?.id).toBe('cb-001');
    expect([...kiosk.core.outbox.all()].at(-2)).toMatchObject({
      type: 'officer.signed_out',
      counterId: 'q-1',
      cause: 'manual',
    });
  });

  it('signs out with an event, and refuses a sign-out when nobody is on duty', async () => {
    kiosk = await demoCore();
    const states: Array<string | null> = [];
    kiosk.core.onStateChanged((state) => states.push(state.officer?.id ?? null));
    await kiosk.core.handlers['officer:signOut']({});
    expect(kiosk.core.state().officer).toBeNull();
    expect([...kiosk.core.outbox.all()].at(-1)).toMatchObject({
      type: 'officer.signed_out',
      officerId: 'cb-001',
      cause: 'manual',
    });
    const events = countRows(kiosk.core, 'events');
    expect(() => kiosk.core.duty.signOut('q-1')).toThrow(/không có cán bộ nào đăng nhập/);
    expect(countRows(kiosk.core, 'events')).toBe(events);
    await kiosk.core.handlers['officer:signIn']({ officerId: 'cb-004', pin: DEMO_PIN });
    expect(states).toEqual([null, 'cb-004']);
  });

  it('writes nothing for a wrong PIN but the try count', async () => {
    kiosk = await demoCore();
    const events = countRows(kiosk.core, 'events');
    await expect(kiosk.core.duty.signIn('q-1', 'cb-002', '0000')).rejects.toThrow(/Mã PIN không đúng/);
    expect(countRows(kiosk.core, 'events')).toBe(events);
    expect(kiosk.core.duty.onDuty('q-1')?.id).toBe('cb-001');
  });
});
