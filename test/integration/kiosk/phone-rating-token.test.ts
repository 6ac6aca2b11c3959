import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/contract/dispatch.ts';
import { RATING_TOKEN_PATTERN } from '../../../shared/domain/phone-rating.ts';
import { demoCore, servedTicket, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore | undefined;
afterEach(() => {
  kiosk?.close();
  kiosk = undefined;
});

describe('the phone-rating token on a kiosk ticket', () => {
  it('is minted per ticket, sent with ticket.issued and opens the phone page of the server it syncs with', async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    core.config.setSetting('sync.serverUrl', 'http://10.0.0.5:8080');
    const first = await core.queue.takeNumber('dv-chung-thuc');
    const second = await core.queue.takeNumber('dv-chung-thuc');
    const issued = [...core.outbox.all()].filter((e) => e.type === 'ticket.issued');
    const tokens = issued.map((e) => (e.type === 'ticket.issued' ? e.ratingToken : undefined));
    expect(tokens).toHaveLength(2);
    for (const token of tokens) expect(token).toMatch(RATING_TOKEN_PATTERN);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(first.qrText).toBe(`http://10.0.0.5:8080/r/${tokens[0]!}`);
    expect(second.qrText).toBe(`http://10.0.0.5:8080/r/${tokens[1]!}`);

    // The centre's public address, set in the console and delivered in the queue options, wins.
    const options = JSON.parse(core.config.getSetting('queue.options') ?? '{}') as object;
    core.config.setSetting(
      'queue.options',
      JSON.stringify({ ...options, publicAddress: 'https://danhgia.example.gov.vn/' }),
    );
    const third = await core.queue.takeNumber('dv-chung-thuc');
    expect(third.qrText).toMatch(/^https:\/\/danhgia\.example\.gov\.vn\/r\/[A-Za-z0-9_-]{22}$/);
  });

  it("refuses the kiosk's own rating once the server pushed that the ticket was rated from the phone", async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    const ticketId = await servedTicket(core);
    const row = core.db
      .prepare<[string], { day: string; issued_at: string; number: string; status: string }>(
        'SELECT day, issued_at, number, status FROM tickets WHERE id = ?',
      )
      .get(ticketId)!;
    expect(row.status).toBe('done');
    const number = row.number;
    const changed = core.queue.applyPushed([
      {
        feedSeq: 7,
        ticketId,
        day: row.day,
        serviceId: 'dv-chung-thuc',
        number,
        priority: null,
        pinnedCounterId: 'q-1',
        status: 'done',
        counterId: 'q-1',
        issuedAt: row.issued_at,
        calledAt: null,
        officerId: null,
        transferredFrom: null,
        transferredTo: null,
        issuingDevice: 'phone',
        rated: true,
      },
    ]);
    expect(changed).toBe(1);
    const result = await dispatch(core.handlers, 'ratings:submit', { level: 'tot', ticketId });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('đã được đánh giá qua điện thoại');
    expect(core.db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 0 });
  });
});
