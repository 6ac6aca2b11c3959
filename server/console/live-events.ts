import { EventEmitter } from 'node:events';
import type { KioskEvent } from '../../shared/domain/events.ts';
import type { ServerContext } from '../context.ts';

/** What one committed sync batch brought: only the events stored for the first time. */
export interface IngestedBatch {
  deviceId: string;
  events: KioskEvent[];
}

type Listener = (batch: IngestedBatch) => void;

// One emitter per server (keyed by its database handle), so two servers in one test process
// never hear each other's kiosks.
const emitters = new WeakMap<object, EventEmitter>();

function emitterOf(server: Pick<ServerContext, 'db'>): EventEmitter {
  let emitter = emitters.get(server.db);
  if (!emitter) {
    emitter = new EventEmitter();
    // Every open Today page and board holds one listener.
    emitter.setMaxListeners(0);
    emitters.set(server.db, emitter);
  }
  return emitter;
}

/**
 * Called by the sync route after its transaction committed, with the events the ingest stored
 * (already parsed there: re-parsing every batch cost the sync route time under load).
 */
export function emitIngested(server: Pick<ServerContext, 'db'>, deviceId: string, events: readonly KioskEvent[]): void {
  if (events.length === 0) return;
  const batch: IngestedBatch = { deviceId, events: [...events] };
  deliverIngested(server, batch, 'here');
  relays.get(server.db)?.(batch);
}

/**
 * Hands a batch to this process's listeners only: `stored` (this process stored it) also wakes
 * the listeners of this process's own batches; a batch another process stored does not.
 */
export function deliverIngested(
  server: Pick<ServerContext, 'db'>,
  batch: IngestedBatch,
  stored: 'here' | 'elsewhere' = 'elsewhere',
): void {
  const emitter = emitterOf(server);
  if (stored === 'here') emitter.emit('stored-here', batch);
  emitter.emit('ingested', batch);
}

// Where a batch stored here is also announced to other server processes (PostgreSQL only).
const relays = new WeakMap<object, Listener>();

/** Sets (or with null clears) what tells other server processes on the same database of a batch. */
export function setIngestRelay(server: Pick<ServerContext, 'db'>, relay: Listener | null): void {
  if (relay) relays.set(server.db, relay);
  else relays.delete(server.db);
}

/**
 * Subscribes to committed batches; returns the unsubscribe function. `storedHere`: only the
 * batches this process stored (work whose result is kept in the database, done once, not by
 * every process).
 */
export function onIngested(
  server: Pick<ServerContext, 'db'>,
  listener: Listener,
  options: { storedHere?: boolean } = {},
): () => void {
  const emitter = emitterOf(server);
  const event = options.storedHere ? 'stored-here' : 'ingested';
  emitter.on(event, listener);
  return () => emitter.off(event, listener);
}

/** Whether anything here wants other processes' batches (else the notice need not be read). */
export function wantsBatchesFromElsewhere(server: Pick<ServerContext, 'db'>): boolean {
  return (emitters.get(server.db)?.listenerCount('ingested') ?? 0) > 0;
}

/** How many listeners wait for sync batches (for tests: a closed stream must leave none behind). */
export function ingestListenerCount(server: Pick<ServerContext, 'db'>): number {
  const emitter = emitters.get(server.db);
  return (emitter?.listenerCount('ingested') ?? 0) + (emitter?.listenerCount('stored-here') ?? 0);
}
