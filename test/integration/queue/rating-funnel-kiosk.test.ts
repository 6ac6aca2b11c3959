import { afterEach, describe, expect, it } from 'vitest';
import { KioskCore } from '../../../electron/core/kiosk-core.ts';
import { dispatch } from '../../../shared/contract/dispatch.ts';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract/kiosk-channels.ts';
import type { AppError } from '../../../shared/contract/result.ts';
import { KioskEventSchema, type KioskEvent } from '../../../shared/domain/events.ts';
import { DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore | undefined;
afterEach(() => {
  kiosk?.close();
  kiosk = undefined;
});

async function call<K extends ChannelName>(
  core: KioskCore,
  channel: K,
  input: ChannelInput<K>,
): Promise<ChannelOutput<K>> {
  const result = await dispatch(core.handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as ChannelOutput<K>;
}

async function refused<K extends ChannelName>(core: KioskCore, channel: K, input: ChannelInput<K>): Promise<AppError> {
  const result = await dispatch(core.handlers, channel, input);
  if (result.ok) throw new Error(`${channel} should have been refused`);
  return result.error;
}

/** The funnel events in the outbox, each valid against the sync schema, as [type, ticket, outcome, reason]. */
function funnel(core: KioskCore): (string | undefined)[][] {
  const events = [...core.outbox.all()];
  for (const event of events) expect(KioskEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
  return events
    .filter((e): e is Extract<KioskEvent, { type: 'rating.prompted' | 'rating.prompt_outcome' }> =>
      ['rating.prompted', 'rating.prompt_outcome'].includes(e.type),
    )
    .map((e) => [e.type, e.ticketId, 'outcome' in e ? e.outcome : undefined, 'reason' in e ? e.reason : undefined]);
}

async function serve(core: KioskCore): Promise<string> {
  const { ticketId } = await call(core, 'queue:takeNumber', { serviceId: 'dv-chung-thuc' });
  await call(core, 'queue:callNext', {});
  return ticketId;
}

describe('the rating prompt as a funnel at the kiosk', () => {
  it('records prompted then declined (Bỏ qua), screen busy for a second finish while the first citizen rates, and citizen absent', async () => {
    kiosk = await demoCore();
    const { core, clock } = kiosk;
    const a = await serve(core);
    await call(core, 'queue:finish', {});
    expect((await call(core, 'kiosk:getState', {})).queue.ratingRequest?.ticketId).toBe(a);

    // The officer finishes the next citizen while the first is still on the rating screen.
    const b = await serve(core);
    await call(core, 'queue:finish', {});
    expect((await call(core, 'kiosk:getState', {})).queue.ratingRequest?.ticketId).toBe(a);

    clock.advance(3000);
    await call(core, 'ratings:decline', { ticketId: a });
    expect((await call(core, 'kiosk:getState', {})).queue.ratingRequest).toBeNull();
    // Declining twice, or a ticket not being asked about, is refused and records nothing.
    expect((await refused(core, 'ratings:decline', { ticketId: a })).message).toContain('không còn chờ đánh giá');

    const c = await serve(core);
    await call(core, 'queue:finish', { citizenAbsent: true });
    expect((await call(core, 'kiosk:getState', {})).queue.ratingRequest).toBeNull();

    expect(funnel(core)).toEqual([
      ['rating.prompted', a, undefined, undefined],
      ['rating.prompt_outcome', b, 'not_shown', 'screen_busy'],
      ['rating.prompt_outcome', a, 'declined', undefined],
      ['rating.prompt_outcome', c, 'not_shown', 'citizen_absent'],
    ]);
  });

  it('records no screen when no citizen screen is connected', async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    core.watchCitizenScreens(() => false);
    const a = await serve(core);
    await call(core, 'queue:finish', {});
    expect((await call(core, 'kiosk:getState', {})).queue.ratingRequest).toBeNull();
    expect(funnel(core)).toEqual([['rating.prompt_outcome', a, 'not_shown', 'no_screen']]);
  });

  it('a window that passed while the kiosk was off ends as timed out once, at the next start', async () => {
    kiosk = await demoCore();
    const { clock, dir } = kiosk;
    const a = await serve(kiosk.core);
    await call(kiosk.core, 'queue:finish', {});
    kiosk.core.close();
    clock.advance(60_000);
    let again = new KioskCore({ dataDir: dir, now: clock.now });
    expect(funnel(again)).toEqual([
      ['rating.prompted', a, undefined, undefined],
      ['rating.prompt_outcome', a, 'timed_out', undefined],
    ]);
    again.close();
    again = new KioskCore({ dataDir: dir, now: clock.now });
    expect(funnel(again)).toHaveLength(2);
    again.close();
  });

  it('a rating is the fourth outcome: no outcome event, and it carries the dossier code entered at the finish', async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    const a = await serve(core);
    await call(core, 'queue:finish', { dossierCode: ' 000.00.12.H12-261128-0001 ' });
    await call(core, 'ratings:submit', { level: 'tot' });
    const events = [...core.outbox.all()];
    expect(events.find((e) => e.type === 'ticket.finished')).toMatchObject({
      ticketId: a,
      dossierCode: '000.00.12.H12-261128-0001',
    });
    expect(events.find((e) => e.type === 'rating.submitted')).toMatchObject({
      ticketId: a,
      dossierCode: '000.00.12.H12-261128-0001',
    });
    expect(funnel(core)).toEqual([['rating.prompted', a, undefined, undefined]]);
    // A code that is not one is refused with a clear message and the ticket stays at the counter.
    await serve(core);
    const bad = await refused(core, 'queue:finish', { dossierCode: 'HS 01; DROP' });
    expect(bad.message).toContain('Mã hồ sơ chỉ gồm chữ, số');
    expect((await call(core, 'queue:officerView', {})).current).not.toBeNull();
  });

  it('a centre that requires the dossier code refuses Hoàn thành without one and changes nothing', async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    core.config.setSetting('rating.prompt', JSON.stringify({ dossierRequired: true }));
    await serve(core);
    expect((await call(core, 'kiosk:getState', {})).queue.dossierRequired).toBe(true);
    const error = await refused(core, 'queue:finish', {});
    expect(error.message).toBe('Trung tâm yêu cầu nhập mã hồ sơ trước khi hoàn thành.');
    expect([...core.outbox.all()].filter((e) => e.type === 'ticket.finished')).toHaveLength(0);
    await call(core, 'queue:finish', { dossierCode: 'HS-1' });
    expect([...core.outbox.all()].filter((e) => e.type === 'ticket.finished')).toHaveLength(1);
  });

  it('the voice invitation is switched per kiosk from the technician screen, with the technician PIN', async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    expect((await call(core, 'kiosk:getState', {})).queue.ratingVoice).toBe(true);
    expect((await refused(core, 'technician:setRatingVoice', { pin: '0000', on: false })).code).toBe('wrong_pin');
    expect((await call(core, 'kiosk:getState', {})).queue.ratingVoice).toBe(true);
    await call(core, 'technician:setRatingVoice', { pin: DEMO_TECHNICIAN_PIN, on: false });
    expect((await call(core, 'kiosk:getState', {})).queue.ratingVoice).toBe(false);
  });
});
