import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KioskCore } from '../../../electron/core/kiosk-core.ts';
import { Outbox } from '../../../electron/core/outbox.ts';
import { tempDir } from '../../support/core-fixtures.ts';
import { FakeServer, type SeenRequest } from './fake-server.ts';

/** What the flaky server does with one request. */
type Fault = 'ok' | 'down' | 'lost-ack' | 'partial' | 'http-500';

function flakyAnswer(server: FakeServer, fault: Fault, pick: number) {
  return (request: SeenRequest) => {
    switch (fault) {
      case 'down':
        return 'network-error' as const;
      case 'http-500':
        return { status: 500, body: { error: { code: 'internal', message: 'Lỗi máy chủ' } } };
      case 'lost-ack':
        // Stored and committed, but the answer never arrives.
        server.acceptAll(request);
        return 'network-error' as const;
      case 'partial': {
        // Acknowledges only a prefix; the rest is simply not mentioned.
        const events = request.body.events.slice(0, pick % (request.body.events.length + 1));
        return server.acceptAll({ ...request, body: { ...request.body, events } });
      }
      case 'ok':
        return server.acceptAll(request);
    }
  };
}

describe('delivery under faults (property)', () => {
  it('every event reaches the server, and none is marked sent before the server has it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_300 }),
        fc.array(fc.tuple(fc.constantFrom<Fault>('ok', 'down', 'lost-ack', 'partial', 'http-500'), fc.nat(600)), {
          maxLength: 12,
        }),
        async (count, faults) => {
          const { dir, cleanup } = tempDir('hailong-sync-prop-');
          const server = new FakeServer();
          const core = new KioskCore({ dataDir: dir, sync: { fetch: server.fetch, pollMs: 3_600_000 } });
          try {
            core.sync.store.saveEnrolment({ serverUrl: 'http://central.test', deviceId: 'dev-1', token: 't' });
            const ids: string[] = [];
            core.db.transaction(() => {
              for (let i = 0; i < count; i += 1) {
                const id = Outbox.newId();
                ids.push(id);
                core.outbox.append({
                  id,
                  type: 'rating.submitted',
                  occurredAt: '2026-11-28T09:00:00.000+07:00',
                  officerId: 'cb-001',
                  agencyId: 'so-tu-phap',
                  level: 'tot',
                });
              }
            })();
            for (const [fault, pick] of faults) {
              server.then(flakyAnswer(server, fault, pick));
              await core.sync.syncNow();
              // Invariant: sent on the kiosk ⇒ stored on the server.
              const sent = core.db
                .prepare<[], { id: string }>('SELECT id FROM events WHERE sent_at IS NOT NULL')
                .all()
                .map((r) => r.id);
              for (const id of sent) expect(server.stored.has(id)).toBe(true);
            }
            // Then the server behaves; a few exchanges drain everything.
            for (let i = 0; i < 3 && core.sync.status().pending > 0; i += 1) await core.sync.syncNow();
            expect(core.sync.status().pending).toBe(0);
            expect([...server.stored].sort()).toEqual([...ids].sort());
          } finally {
            core.close();
            cleanup();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
