import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../../shared/contract/result.ts';
import { DEMO_CONFIG, DEMO_PIN } from '../../../shared/domain/demo-config.ts';
import { KioskEventSchema } from '../../../shared/domain/events.ts';
import { countRows, demoCore, servedTicket, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore;
afterEach(() => kiosk.close());

interface RatingRow {
  id: string;
  officer_id: string;
  agency_id: string;
  counter_id: string;
  ticket_id: string | null;
  level: string;
  misuse: number;
  reasons: string | null;
}

const rating = (k: DemoCore, id: string): RatingRow =>
  k.core.db.prepare<[string], RatingRow>('SELECT * FROM ratings WHERE id = ?').get(id)!;

const eventBody = (k: DemoCore, id: string): Record<string, unknown> =>
  JSON.parse(
    k.core.db.prepare<[string], { body: string }>('SELECT body FROM events WHERE id = ?').get(id)!.body,
  ) as Record<string, unknown>;

function submit(k: DemoCore, level = 'tot', ticketId?: string, walkUpIntervalMs = 5000) {
  return k.core.ratings.submit({ counterId: 'q-1', level, ticketId, walkUpIntervalMs });
}

function expectDomainError(run: () => unknown, code: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
}

describe('rating attribution', () => {
  it('credits the officer on duty and the agency they belong to at that moment', async () => {
    kiosk = await demoCore();
    const first = submit(kiosk);
    expect(rating(kiosk, first.ratingId)).toMatchObject({ officer_id: 'cb-001', agency_id: 'ag-11', level: 'tot' });

    // The officer moves from Sở Tư pháp to Sở Y tế while signed in.
    kiosk.core.config.applyConfig({
      ...DEMO_CONFIG,
      version: 2,
      officers: DEMO_CONFIG.officers.map((o) => (o.id === 'cb-001' ? { ...o, agencyId: 'ag-15' } : o)),
    });
    kiosk.clock.advance(60_000);
    const second = submit(kiosk, 'kha');
    expect(rating(kiosk, second.ratingId)).toMatchObject({ officer_id: 'cb-001', agency_id: 'ag-15', level: 'kha' });
    expect(eventBody(kiosk, second.ratingId)).toMatchObject({ agencyId: 'ag-15' });
    // The earlier rating keeps the agency it was given.
    expect(rating(kiosk, first.ratingId).agency_id).toBe('ag-11');
    expect(eventBody(kiosk, first.ratingId)).toMatchObject({ agencyId: 'ag-11' });
    expect(kiosk.core.state().officer).toMatchObject({ id: 'cb-001', agencyId: 'ag-15', agencyName: 'Sở Y tế' });
  });

  it('keeps the officer on duty when their old agency disappears from the configuration', async () => {
    kiosk = await demoCore();
    kiosk.core.config.applyConfig({
      ...DEMO_CONFIG,
      version: 2,
      agencies: DEMO_CONFIG.agencies.filter((a) => a.id !== 'ag-11'),
      officers: DEMO_CONFIG.officers.map((o) => (o.agencyId === 'ag-11' ? { ...o, agencyId: 'ag-15' } : o)),
    });
    expect(kiosk.core.duty.onDuty('q-1')).toMatchObject({ id: 'cb-001', agencyId: 'ag-15' });
    const { ratingId } = submit(kiosk);
    expect(rating(kiosk, ratingId).agency_id).toBe('ag-15');
  });

  it('credits the next officer after a change of shift', async () => {
    kiosk = await demoCore();
    await kiosk.core.duty.signIn('q-1', 'cb-003', DEMO_PIN);
    const { ratingId } = submit(kiosk);
    expect(rating(kiosk, ratingId)).toMatchObject({ officer_id: 'cb-003', agency_id: 'ag-01' });
  });

  it('refuses a rating when no officer is on duty, writing nothing', async () => {
    kiosk = await demoCore();
    kiosk.core.duty.signOut('q-1');
    const events = countRows(kiosk.core, 'events');
    expectDomainError(() => submit(kiosk), 'no_officer_on_duty');
    expect(countRows(kiosk.core, 'ratings')).toBe(0);
    expect(countRows(kiosk.core, 'events')).toBe(events);
  });
});

describe('walk-up interval', () => {
  it('keeps a press inside the interval, flagged as misuse, in the table and in its event', async () => {
    kiosk = await demoCore();
    const first = submit(kiosk);
    kiosk.clock.advance(2_000);
    const second = submit(kiosk, 'kem');
    expect(first.misuse).toBe(false);
    expect(second.misuse).toBe(true);
    expect(rating(kiosk, second.ratingId)).toMatchObject({ misuse: 1, level: 'kem' });
    expect(eventBody(kiosk, second.ratingId)).toMatchObject({ misuse: true, level: 'kem' });
    expect(eventBody(kiosk, first.ratingId)).not.toHaveProperty('misuse');
    expect(countRows(kiosk.core, 'ratings')).toBe(2);
  });

  it('accepts a press after the interval as a normal rating', async () => {
    kiosk = await demoCore();
    submit(kiosk);
    kiosk.clock.advance(6_000);
    const later = submit(kiosk);
    expect(later.misuse).toBe(false);
    expect(rating(kiosk, later.ratingId).misuse).toBe(0);
  });

  it('uses the interval from the kiosk settings through the contract', async () => {
    kiosk = await demoCore();
    kiosk.core.updateSettings({ walkUpIntervalSeconds: 10 });
    await kiosk.core.handlers['ratings:submit']({ level: 'tot' });
    kiosk.clock.advance(7_000);
    const result = await kiosk.core.handlers['ratings:submit']({ level: 'tot' });
    expect(result.misuse).toBe(true);
  });

  it('keeps judging presses correctly after the kiosk clock is set back', async () => {
    kiosk = await demoCore();
    submit(kiosk);
    // A kiosk that booted with its clock an hour fast is corrected by the network time.
    kiosk.clock.advance(-60 * 60_000);
    const afterCorrection = submit(kiosk);
    expect(afterCorrection.misuse).toBe(false);
    kiosk.clock.advance(10_000);
    expect(submit(kiosk).misuse).toBe(false);
    kiosk.clock.advance(2_000);
    expect(submit(kiosk).misuse).toBe(true);
  });

  it('does not flag a ticket rating that follows a walk-up press', async () => {
    kiosk = await demoCore();
    const ticketId = await servedTicket(kiosk.core);
    submit(kiosk);
    kiosk.clock.advance(500);
    expect(submit(kiosk, 'tot', ticketId).misuse).toBe(false);
  });
});

describe('a rating on a ticket', () => {
  it('is credited to the officer who finished the ticket, not to whoever is on duty at the tap', async () => {
    kiosk = await demoCore();
    const ticketId = await servedTicket(kiosk.core);
    // cb-001 finished the ticket; cb-002 takes over the counter before the citizen taps.
    await kiosk.core.duty.signIn('q-1', 'cb-002', DEMO_PIN);
    kiosk.clock.advance(5_000);
    const { ratingId } = submit(kiosk, 'kha', ticketId);
    expect(rating(kiosk, ratingId)).toMatchObject({ officer_id: 'cb-001', agency_id: 'ag-11', ticket_id: ticketId });
    expect(eventBody(kiosk, ratingId)).toMatchObject({ officerId: 'cb-001', agencyId: 'ag-11', ticketId });
    // A walk-up press right after goes to the officer now on duty.
    kiosk.clock.advance(6_000);
    expect(rating(kiosk, submit(kiosk, 'tot').ratingId).officer_id).toBe('cb-002');
  });

  it('is still credited when the officer has signed out since finishing it', async () => {
    kiosk = await demoCore();
    const ticketId = await servedTicket(kiosk.core);
    kiosk.core.duty.signOut('q-1');
    const { ratingId } = submit(kiosk, 'tot', ticketId);
    expect(rating(kiosk, ratingId).officer_id).toBe('cb-001');
  });

  it('is refused once the rating window has closed, and for a ticket never served', async () => {
    kiosk = await demoCore();
    kiosk.core.queueStore.setOptions({ ratingWindowSeconds: 30 });
    const old = await servedTicket(kiosk.core);
    kiosk.clock.advance(30_000);
    const events = countRows(kiosk.core, 'events');
    expectDomainError(() => submit(kiosk, 'kem', old), 'conflict');
    expectDomainError(() => submit(kiosk, 'kem', 't-never-issued'), 'not_found');
    expect(countRows(kiosk.core, 'ratings')).toBe(0);
    expect(countRows(kiosk.core, 'events')).toBe(events);
    const fresh = await servedTicket(kiosk.core);
    kiosk.clock.advance(29_000);
    expect(rating(kiosk, submit(kiosk, 'tot', fresh).ratingId).ticket_id).toBe(fresh);
  });
});

describe('one rating per ticket', () => {
  it('refuses a second rating for the same ticket and writes nothing', async () => {
    kiosk = await demoCore();
    const ticketId = await servedTicket(kiosk.core);
    const first = submit(kiosk, 'tot', ticketId);
    expect(eventBody(kiosk, first.ratingId)).toMatchObject({ ticketId });
    const ratings = countRows(kiosk.core, 'ratings');
    const events = countRows(kiosk.core, 'events');
    kiosk.clock.advance(60_000);
    expectDomainError(() => submit(kiosk, 'kem', ticketId), 'already_rated');
    expect(countRows(kiosk.core, 'ratings')).toBe(ratings);
    expect(countRows(kiosk.core, 'events')).toBe(events);
    expect(rating(kiosk, first.ratingId).level).toBe('tot');
  });
});

describe('levels and reasons', () => {
  it('refuses a level that is not in the scale and writes nothing', async () => {
    kiosk = await demoCore();
    const events = countRows(kiosk.core, 'events');
    expectDomainError(() => submit(kiosk, 'xuat_sac'), 'unknown_level');
    expect(countRows(kiosk.core, 'ratings')).toBe(0);
    expect(countRows(kiosk.core, 'events')).toBe(events);
  });

  it('adds reasons to a recorded rating, with their own event', async () => {
    kiosk = await demoCore();
    const { ratingId } = submit(kiosk, 'kem');
    kiosk.clock.advance(3_000);
    kiosk.core.ratings.addReasons(ratingId, ['cho_lau', 'thai_do', 'cho_lau']);
    expect(JSON.parse(rating(kiosk, ratingId).reasons!)).toEqual(['cho_lau', 'thai_do']);
    const last = kiosk.core.db
      .prepare<[], { body: string }>('SELECT body FROM events ORDER BY seq DESC LIMIT 1')
      .get()!;
    const event = KioskEventSchema.parse(JSON.parse(last.body));
    expect(event).toMatchObject({ type: 'rating.reasons_added', ratingId, reasons: ['cho_lau', 'thai_do'] });
    expect(event.occurredAt).toBe('2026-11-28T09:00:03.000+07:00');
  });

  it('refuses an unknown reason, a second set of reasons and an unknown rating', async () => {
    kiosk = await demoCore();
    const { ratingId } = submit(kiosk, 'kem');
    const events = countRows(kiosk.core, 'events');
    expectDomainError(() => kiosk.core.ratings.addReasons(ratingId, ['cho_lau', 'bi_mat']), 'invalid_input');
    expect(rating(kiosk, ratingId).reasons).toBeNull();
    expect(countRows(kiosk.core, 'events')).toBe(events);
    kiosk.core.ratings.addReasons(ratingId, ['khac']);
    expectDomainError(() => kiosk.core.ratings.addReasons(ratingId, ['thai_do']), 'conflict');
    expectDomainError(
      () => kiosk.core.ratings.addReasons('019acb8e-8d2a-7c3e-9f10-2b3c4d5e6f70', ['khac']),
      'not_found',
    );
    expect(countRows(kiosk.core, 'events')).toBe(events + 1);
  });

  it('refuses reasons for a level that is not low', async () => {
    kiosk = await demoCore();
    const { ratingId } = submit(kiosk, 'tot');
    const events = countRows(kiosk.core, 'events');
    expectDomainError(() => kiosk.core.ratings.addReasons(ratingId, ['thai_do']), 'conflict');
    expect(rating(kiosk, ratingId).reasons).toBeNull();
    expect(countRows(kiosk.core, 'events')).toBe(events);
    kiosk.clock.advance(6_000);
    const low = submit(kiosk, 'trung_binh');
    kiosk.core.ratings.addReasons(low.ratingId, ['huong_dan']);
    expect(JSON.parse(rating(kiosk, low.ratingId).reasons!)).toEqual(['huong_dan']);
  });
});

describe('steady state', () => {
  it('records ratings without preparing statements each time', async () => {
    kiosk = await demoCore();
    const rate = () =>
      kiosk.core.ratings.submit({
        counterId: kiosk.core.counterId()!,
        level: 'tot',
        walkUpIntervalMs: kiosk.core.settings().walkUpIntervalSeconds * 1000,
      });
    // Tickets served first (the queue prepares its own statements); rated within the window.
    kiosk.core.queueStore.setOptions({ ratingWindowSeconds: 600 });
    const tickets: string[] = [];
    for (let i = 0; i <= 50; i += 1) tickets.push(await servedTicket(kiosk.core));
    rate();
    kiosk.core.ratings.submit({ counterId: 'q-1', level: 'kem', ticketId: tickets[0], walkUpIntervalMs: 0 });
    // Statements prepared per call hold native memory the GC does not see: ~10 MB per 100,000 ratings.
    const prepare = vi.spyOn(kiosk.core.db, 'prepare');
    for (let i = 1; i <= 50; i += 1) {
      kiosk.clock.advance(6_000);
      rate();
      kiosk.core.ratings.submit({ counterId: 'q-1', level: 'kem', ticketId: tickets[i], walkUpIntervalMs: 0 });
    }
    expect(prepare).not.toHaveBeenCalled();
    expect(countRows(kiosk.core, 'ratings')).toBe(102);
  });

  it('takes a walk-up tap through the contract without rebuilding the queue state or preparing statements', async () => {
    kiosk = await demoCore();
    const tap = () => kiosk!.core.handlers['ratings:submit']({ level: 'kha' });
    await tap();
    const prepare = vi.spyOn(kiosk.core.db, 'prepare');
    const queueState = vi.spyOn(kiosk.core.queue, 'state');
    for (let i = 0; i < 20; i += 1) {
      kiosk.clock.advance(6_000);
      await tap();
    }
    expect(queueState).not.toHaveBeenCalled();
    expect(prepare).not.toHaveBeenCalled();
    expect(countRows(kiosk.core, 'ratings')).toBe(21);
  });
});

describe('walk-up misuse rules delivered by the server', () => {
  it('flags presses beyond the burst at one counter within the window, and counts again once it has passed', async () => {
    kiosk = await demoCore();
    const burst = { presses: 3, windowMs: 2 * 60_000 };
    const press = () => kiosk.core.ratings.submit({ counterId: 'q-1', level: 'tot', walkUpIntervalMs: 5000, burst });
    const flags: boolean[] = [];
    for (let i = 0; i < 5; i += 1) {
      flags.push(press().misuse);
      kiosk.clock.advance(10_000);
    }
    // Three presses 10 s apart are fine (over the 5 s interval); the fourth and fifth are a burst.
    expect(flags).toEqual([false, false, false, true, true]);
    kiosk.clock.advance(3 * 60_000);
    expect(press().misuse).toBe(false);
    // Flagged presses are kept, flagged, and synced as such.
    expect(countRows(kiosk.core, 'ratings')).toBe(6);
    const flagged = kiosk.core.db
      .prepare<[], { n: number }>('SELECT count(*) AS n FROM ratings WHERE misuse = 1')
      .get()!;
    expect(flagged.n).toBe(2);
  });

  it('uses the interval and burst the server sent with the configuration', async () => {
    kiosk = await demoCore();
    kiosk.core.config.applyConfig({
      ...DEMO_CONFIG,
      version: 2,
      misuse: { walkUpIntervalSeconds: 60, burstPresses: 10, burstMinutes: 5 },
    });
    expect(kiosk.core.config.misuseRules()).toEqual({ walkUpIntervalSeconds: 60, burstPresses: 10, burstMinutes: 5 });
    const submit = () => kiosk.core.handlers['ratings:submit']({ level: 'kha' });
    const first = await submit();
    kiosk.clock.advance(30_000);
    // 30 s is over the kiosk's own 5 s but under the server's 60 s: flagged.
    const second = await submit();
    expect([first, second].map((r) => r.misuse)).toEqual([false, true]);
  });
});
