import { sql } from 'kysely';
import { readMisuseRules } from './misuse-rules.ts';
import { readRatingPromptSettings } from './rating-prompt-settings.ts';
import { readSpeechSettings } from './speech-settings.ts';
import type { Agency, Counter, RatingLevel, RatingReason } from '../../shared/domain/config.ts';
import { QueueConfigSchema, type QueueConfig } from '../../shared/domain/queue-config.ts';
import type { OfficerOut } from '../../shared/contract/server-api.ts';
import type { SyncConfig } from '../../shared/contract/sync-protocol.ts';
import type { Db } from '../db/database.ts';
import { DEFAULT_CENTRE_NAME } from './seed.ts';
import { configVersion } from './settings.ts';
import { readJsonLevelled, readLevelled, type LevelledValue, type SettingLevel } from './centre-settings.ts';
import { z } from 'zod';
import { dutySettings, technicianPinHash } from './centre-secrets.ts';
import type { DeviceAssignment } from '../../shared/contract/provisioning.ts';
import { officersForDevice } from './counter-access.ts';
import { centreById, firstCentreId } from './centres.ts';

/**
 * Agencies are the province's rows; a centre may list them in its own order (issue 13 §1), kept
 * as one document `{ agencyId: order }` among the centre's settings. An agency missing from it
 * keeps the province's order.
 */
export const AGENCY_ORDER_KEY = 'agencies.order';
const AgencyOrderSchema = z.record(z.string(), z.number().int());

export async function agencyOrderAt(db: Db, centreId: SettingLevel): Promise<LevelledValue<Record<string, number>>> {
  if (centreId === null) return { value: {}, source: 'province' };
  const own = await readJsonLevelled(db, AGENCY_ORDER_KEY, AgencyOrderSchema, {}, centreId);
  // The province's order is the agencies' own column, never a `settings` row.
  return own.source === 'centre' ? own : { value: {}, source: 'province' };
}

/** Reads configuration from the database on every call: the CLI may change it under a running server. */
export async function listAgencies(db: Db, centreId: SettingLevel = null): Promise<Agency[]> {
  const rows = await db.selectFrom('agencies').selectAll().orderBy('sort_order').orderBy('name').execute();
  const own = (await agencyOrderAt(db, centreId)).value;
  const agencies = rows.map((r) => ({
    id: r.id,
    name: r.name,
    order: own[r.id] ?? r.sort_order,
    active: r.active === 1,
  }));
  // Stable: agencies the centre did not reorder keep the province's order among equals.
  return Object.keys(own).length === 0 ? agencies : agencies.sort((a, b) => a.order - b.order);
}

/** `centreId`: that centre's officers only (null: every centre's). */
export async function listOfficers(db: Db, centreId: number | null = null): Promise<OfficerOut[]> {
  let query = db
    .selectFrom('officers as o')
    .innerJoin('agencies as a', 'a.id', 'o.agency_id')
    .select([
      'o.id',
      'o.full_name',
      'o.agency_id',
      'a.name as agency_name',
      'o.sort_order',
      'o.active',
      'o.active_from',
      'o.active_to',
      'o.pin_hash',
      // Whether a photo exists, not the photo: the list stays small.
      sql<number | string>`case when o.photo is null then 0 else 1 end`.as('has_photo'),
      'a.sort_order as agency_order',
      'o.centre_id',
    ])
    .orderBy('a.sort_order')
    .orderBy('o.sort_order')
    .orderBy('o.full_name');
  if (centreId !== null) query = query.where('o.centre_id', '=', centreId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    fullName: r.full_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    order: r.sort_order,
    active: r.active === 1,
    activeFrom: r.active_from,
    activeTo: r.active_to,
    hasPin: r.pin_hash !== null,
    centreId: r.centre_id,
    hasPhoto: Number(r.has_photo) === 1,
  }));
}

/** `centreId`: that centre's counters only (null: every centre's, by centre then number). */
export async function listCounters(
  db: Db,
  centreId: number | null = null,
): Promise<(Counter & { centreId: number })[]> {
  let query = db
    .selectFrom('counters')
    .select(['id', 'number', 'name', 'centre_id as centreId'])
    .orderBy('centre_id')
    .orderBy('number');
  if (centreId !== null) query = query.where('centre_id', '=', centreId);
  return query.execute();
}

/** The scale kiosks show: active levels only. */
export async function listLevels(db: Db): Promise<RatingLevel[]> {
  return (await listAllLevels(db))
    .filter((l) => l.active)
    .map(({ code, label, order, low }) => ({ code, label, order, low }));
}

/** Every level ever configured; reports add an inactive one as a column when it has ratings. */
export async function listAllLevels(db: Db): Promise<(RatingLevel & { active: boolean })[]> {
  const rows = await db.selectFrom('rating_levels').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    label: r.label,
    order: r.sort_order,
    low: r.low === 1,
    active: r.active === 1,
  }));
}

export async function listReasons(db: Db): Promise<RatingReason[]> {
  const rows = await db.selectFrom('rating_reasons').selectAll().orderBy('sort_order').execute();
  return rows.map((r) => ({ code: r.code, label: r.label, order: r.sort_order }));
}

/** Queue configurations parsed, by their stored text: the live pages read them on every change. */
const parsedQueueConfigs = new Map<string | null, QueueConfig>();
/** About one per centre that has its own; older texts are dropped wholesale past this. */
const PARSED_QUEUE_CONFIGS_KEPT = 512;

export const QUEUE_CONFIG_KEY = 'queue.config';

/**
 * A centre's services, priority categories and options (null: the province's). One document:
 * a centre that changes any part of it keeps its own copy of the whole.
 */
export async function queueConfigAt(db: Db, level: SettingLevel): Promise<LevelledValue<QueueConfig>> {
  const { value: stored, source } = await readLevelled(db, QUEUE_CONFIG_KEY, level);
  let config = parsedQueueConfigs.get(stored);
  if (!config) {
    config = QueueConfigSchema.parse(stored ? JSON.parse(stored) : { services: [], priorities: [] });
    if (parsedQueueConfigs.size >= PARSED_QUEUE_CONFIGS_KEPT) parsedQueueConfigs.clear();
    parsedQueueConfigs.set(stored, config);
  }
  // A copy: callers may change what they receive without changing the next caller's.
  return { value: structuredClone(config), source };
}

export async function readQueueConfig(db: Db, level: SettingLevel = null): Promise<QueueConfig> {
  return (await queueConfigAt(db, level)).value;
}

/** A centre's name (default: the first centre's); the name lives in `centres` since migration 0020. */
export async function centreName(db: Db, centreId?: number): Promise<string> {
  const id = centreId ?? (await firstCentreId(db));
  return (await centreById(db, id))?.name ?? DEFAULT_CENTRE_NAME;
}

/**
 * What a kiosk receives: its KioskConfig plus officers' PIN hashes, the technician PIN hash,
 * duty limits and the queue setup. Only the officers who may sign in at the kiosk's counter are
 * sent, PIN hashes included (issue 9 item 5, see `officersForDevice`): a stolen kiosk gives away
 * the hashes of its own counter's officers at most, and an entrance kiosk's none.
 */
export async function buildSyncConfig(
  db: Db,
  assignment: Pick<DeviceAssignment, 'role' | 'counterId'> | null = null,
  centreId?: number,
): Promise<SyncConfig> {
  return db.transaction().execute(async (trx) => {
    const centre = centreId ?? (await firstCentreId(trx));
    const allowed = await officersForDevice(trx, assignment);
    // Only the kiosk's centre's officers and counters (issue 13 §1).
    const officers = (
      await trx
        .selectFrom('officers')
        .select(['id', 'full_name', 'agency_id', 'sort_order', 'active', 'pin_hash', 'photo'])
        .where('centre_id', '=', centre)
        .orderBy('sort_order')
        .execute()
    ).filter((o) => allowed === 'all' || allowed.has(o.id));
    return {
      version: await configVersion(trx, centre),
      centreName: await centreName(trx, centre),
      agencies: await listAgencies(trx, centre),
      officers: officers.map((o) => ({
        id: o.id,
        fullName: o.full_name,
        agencyId: o.agency_id,
        order: o.sort_order,
        active: o.active === 1,
      })),
      counters: (await listCounters(trx, centre)).map(({ id, number, name }) => ({ id, number, name })),
      ratingLevels: await listLevels(trx),
      ratingReasons: await listReasons(trx),
      officerPins: Object.fromEntries(officers.filter((o) => o.pin_hash !== null).map((o) => [o.id, o.pin_hash!])),
      officerPhotos: Object.fromEntries(officers.filter((o) => o.photo !== null).map((o) => [o.id, o.photo!])),
      // The centre's own settings, else the province's (issue 13 §1).
      queue: await readQueueConfig(trx, centre),
      misuse: await readMisuseRules(trx, centre),
      technicianPinHash: await technicianPinHash(trx, centre),
      duty: await dutySettings(trx, centre),
      ratingPrompt: await readRatingPromptSettings(trx, centre),
      speech: await readSpeechSettings(trx, centre),
    };
  });
}
