import { describe, expect, it } from 'vitest';
import { QueueServiceSchema } from '../../../shared/domain/queue-config.ts';
import { inQueueOf, mayCallOffline, needsClaim, waitsForConnection } from '../../../shared/domain/queue-routing.ts';

const shared = { id: 'dv-tu-phap', counterIds: ['q-1', 'q-2'] };
const alone = { id: 'dv-dat-dai', counterIds: ['q-3'] };

describe('who may call what', () => {
  it('a pinned ticket is in its counter’s queue only, and needs no claim', () => {
    const ticket = { serviceId: shared.id, pinnedCounterId: 'q-1' };
    expect(inQueueOf(ticket, 'q-1', shared)).toBe(true);
    expect(inQueueOf(ticket, 'q-2', shared)).toBe(false);
    expect(needsClaim(ticket, shared)).toBe(false);
    expect(mayCallOffline(ticket, 'q-1', shared)).toBe(true);
    expect(mayCallOffline(ticket, 'q-2', shared)).toBe(false);
  });

  it('an unpinned ticket of a shared service is in every serving counter’s queue, called only with a claim', () => {
    const ticket = { serviceId: shared.id, pinnedCounterId: null };
    expect(inQueueOf(ticket, 'q-1', shared)).toBe(true);
    expect(inQueueOf(ticket, 'q-2', shared)).toBe(true);
    expect(inQueueOf(ticket, 'q-3', shared)).toBe(false);
    expect(needsClaim(ticket, shared)).toBe(true);
    expect(mayCallOffline(ticket, 'q-1', shared)).toBe(false);
    expect(mayCallOffline(ticket, 'q-2', shared)).toBe(false);
  });

  it('an unpinned ticket of a service only one counter serves is that counter’s, offline too', () => {
    const ticket = { serviceId: alone.id, pinnedCounterId: null };
    expect(needsClaim(ticket, alone)).toBe(false);
    expect(mayCallOffline(ticket, 'q-3', alone)).toBe(true);
    expect(mayCallOffline(ticket, 'q-1', alone)).toBe(false);
    // A service the kiosk does not know: nobody calls it without the server.
    expect(needsClaim(ticket, null)).toBe(true);
    expect(inQueueOf(ticket, 'q-3', null)).toBe(false);
  });

  it('says when a ticket depends on the server to reach its counter', () => {
    expect(waitsForConnection({ serviceId: shared.id, pinnedCounterId: null }, null, shared)).toBe(true);
    expect(waitsForConnection({ serviceId: shared.id, pinnedCounterId: 'q-1' }, 'q-1', shared)).toBe(false);
    expect(waitsForConnection({ serviceId: shared.id, pinnedCounterId: null }, 'q-1', shared)).toBe(false);
    expect(waitsForConnection({ serviceId: alone.id, pinnedCounterId: null }, 'q-1', alone)).toBe(true);
    expect(waitsForConnection({ serviceId: alone.id, pinnedCounterId: 'q-3' }, 'q-1', alone)).toBe(true);
  });
});

describe('services served by several counters (tolerant reader)', () => {
  const base = { id: 'dv-a', name: 'A', prefix: '', start: 1, end: 99, step: 1, dailyCap: 99 };
  it('an older payload with one counterId reads as a list of one', () => {
    expect(QueueServiceSchema.parse({ ...base, counterId: 'q-1' })).toMatchObject({
      counterId: 'q-1',
      counterIds: ['q-1'],
    });
  });
  it('a list keeps counterId readable as its first counter', () => {
    expect(QueueServiceSchema.parse({ ...base, counterIds: ['q-2', 'q-1', 'q-2'] })).toMatchObject({
      counterId: 'q-2',
      counterIds: ['q-2', 'q-1'],
    });
  });
  it('refuses a service no counter serves', () => {
    const result = QueueServiceSchema.safeParse({ ...base });
    expect(result.success).toBe(false);
    expect(QueueServiceSchema.safeParse({ ...base, counterIds: [] }).success).toBe(false);
  });
});
