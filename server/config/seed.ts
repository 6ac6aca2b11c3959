import { DEFAULT_AGENCIES, DEFAULT_RATING_LEVELS, DEFAULT_RATING_REASONS } from '../../shared/domain/defaults.ts';
import { DEMO_CONFIG } from '../../shared/domain/demo-config.ts';
import { DEMO_PIN_HASH, DEMO_TECHNICIAN_PIN_HASH } from '../../shared/domain/demo-pin-hashes.ts';
import {
  DEFAULT_PRIORITY_CATEGORIES,
  DEFAULT_QUEUE_OPTIONS,
  DEMO_QUEUE_CONFIG,
} from '../../shared/domain/queue-config.ts';
import type { QueueConfig } from '../../shared/domain/queue-config.ts';
import { matchKey } from '../../shared/domain/text.ts';
import type { Db } from '../db/database.ts';
import { bumpConfigVersion, getSetting, setSetting } from './settings.ts';
import { setMinPinLength, setTechnicianPinHash } from './centre-secrets.ts';
import { firstCentreId, renameCentre } from './centres.ts';

export const DEFAULT_CENTRE_NAME = 'Trung tâm Phục vụ hành chính công tỉnh';

/** A new database gets the 17 default agencies, the four-level scale and the reasons. */
export async function seedDefaults(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if ((await getSetting(trx, 'config.version')) !== null) return false;
    await trx
      .insertInto('agencies')
      .values(
        DEFAULT_AGENCIES.map((a) => ({
          id: a.id,
          name: a.name,
          name_key: matchKey(a.name),
          sort_order: a.order,
          active: 1,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('rating_levels')
      .values(
        DEFAULT_RATING_LEVELS.map((l) => ({ code: l.code, label: l.label, sort_order: l.order, low: l.low ? 1 : 0 })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('rating_reasons')
      .values(DEFAULT_RATING_REASONS.map((r) => ({ code: r.code, label: r.label, sort_order: r.order })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const queue: QueueConfig = {
      services: [],
      priorities: DEFAULT_PRIORITY_CATEGORIES,
      options: DEFAULT_QUEUE_OPTIONS,
    };
    await setSetting(trx, 'queue.config', JSON.stringify(queue));
    await renameCentre(trx, await firstCentreId(trx), DEFAULT_CENTRE_NAME);
    await setSetting(trx, 'config.version', '1');
    return true;
  });
}

/** `--demo`: the demo officers (PIN 1234), counters and queue services, once. */
export async function seedDemo(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if ((await getSetting(trx, 'demo.seeded')) !== null) return false;
    // 9999 and 4-digit PINs exist only in the demo.
    await setTechnicianPinHash(trx, DEMO_TECHNICIAN_PIN_HASH);
    await setMinPinLength(trx, 4);
    for (const o of DEMO_CONFIG.officers) {
      await trx
        .insertInto('officers')
        .values({
          id: o.id,
          full_name: o.fullName,
          name_key: matchKey(o.fullName),
          agency_id: o.agencyId,
          sort_order: o.order,
          active: 1,
          active_from: null,
          active_to: null,
          pin_hash: DEMO_PIN_HASH,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const c of DEMO_CONFIG.counters) {
      await trx
        .insertInto('counters')
        .values(c)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    // Every demo counter serves the demo officers' agencies, so any kiosk assigned to one gets them.
    const demoAgencies = [...new Set(DEMO_CONFIG.officers.map((o) => o.agencyId))];
    for (const c of DEMO_CONFIG.counters) {
      await trx
        .insertInto('counter_agencies')
        .values(demoAgencies.map((agency_id) => ({ counter_id: c.id, agency_id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await setSetting(trx, 'queue.config', JSON.stringify(DEMO_QUEUE_CONFIG));
    await renameCentre(trx, await firstCentreId(trx), DEMO_CONFIG.centreName);
    await setSetting(trx, 'demo.seeded', '1');
    await bumpConfigVersion(trx);
    return true;
  });
}
