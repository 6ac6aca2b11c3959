import {
  DEFAULT_QUEUE_OPTIONS,
  QueueOptionsSchema,
  type PriorityCategory,
  type QueueConfig,
  type QueueOptions,
  type QueueService,
} from '../../../shared/domain/queue-config.ts';
import type { ConfigStore } from '../config-store.ts';
import type { Db } from '../database.ts';

const OPTIONS_KEY = 'queue.options';

interface ServiceRow {
  id: string;
  counterId: string;
  /** Every counter serving the service, comma-joined by the query. */
  counterList: string | null;
  name: string;
  prefix: string;
  start: number;
  end: number;
  step: number;
  dailyCap: number;
  order: number;
}

const SERVICE_COLUMNS = `id, counter_id AS counterId, name, prefix, start_number AS start, end_number AS "end",
  step, daily_cap AS dailyCap, sort_order AS "order",
  (SELECT group_concat(counter_id, ',') FROM (SELECT counter_id FROM queue_service_counters sc
     WHERE sc.service_id = queue_services.id ORDER BY position)) AS counterList`;

function toService({ counterList, ...row }: ServiceRow): QueueService {
  const counterIds = counterList ? counterList.split(',') : [row.counterId];
  return { ...row, counterIds };
}

/** Reads and replaces the queue configuration: services, priority categories, options. */
export class QueueStore {
  private readonly selectService;
  private readonly selectCounterServices;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigStore,
  ) {
    this.selectService = db.prepare<[string], ServiceRow>(`SELECT ${SERVICE_COLUMNS} FROM queue_services WHERE id = ?`);
    this.selectCounterServices = db.prepare<[string], ServiceRow>(
      `SELECT ${SERVICE_COLUMNS} FROM queue_services
        WHERE id IN (SELECT service_id FROM queue_service_counters WHERE counter_id = ?) ORDER BY sort_order, name`,
    );
  }

  /** Replaces the whole queue configuration in one transaction; tickets are kept. */
  apply(queue: QueueConfig): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM queue_services; DELETE FROM queue_priorities; DELETE FROM queue_service_counters;');
      const insertServed = this.db.prepare(
        'INSERT INTO queue_service_counters (service_id, counter_id, position) VALUES (?, ?, ?)',
      );
      const insertService = this.db.prepare(
        `INSERT INTO queue_services (id, counter_id, name, prefix, start_number, end_number, step, daily_cap, sort_order)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const s of queue.services) {
        insertService.run(s.id, s.counterId, s.name, s.prefix, s.start, s.end, s.step, s.dailyCap, s.order);
        // A payload from before `counterIds` names one counter (a tolerant reader).
        (s.counterIds ?? [s.counterId]).forEach((counterId, position) => insertServed.run(s.id, counterId, position));
      }
      const insertPriority = this.db.prepare('INSERT INTO queue_priorities (code, label, sort_order) VALUES (?, ?, ?)');
      for (const p of queue.priorities) insertPriority.run(p.code, p.label, p.order);
      this.config.setSetting(OPTIONS_KEY, JSON.stringify(queue.options));
    })();
  }

  service(id: string): QueueService | null {
    const row = this.selectService.get(id);
    return row ? toService(row) : null;
  }

  servicesOf(counterId: string): QueueService[] {
    return this.selectCounterServices.all(counterId).map(toService);
  }

  allServices(): QueueService[] {
    return this.db
      .prepare<[], ServiceRow>(
        `SELECT ${SERVICE_COLUMNS} FROM queue_services
          ORDER BY (SELECT number FROM counters c WHERE c.id = queue_services.counter_id), sort_order, name`,
      )
      .all()
      .map(toService);
  }

  priorities(): PriorityCategory[] {
    return this.db
      .prepare<[], PriorityCategory>(
        'SELECT code, label, sort_order AS "order" FROM queue_priorities ORDER BY sort_order',
      )
      .all();
  }

  options(): QueueOptions {
    const stored = this.config.getSetting(OPTIONS_KEY);
    if (!stored) return DEFAULT_QUEUE_OPTIONS;
    const parsed = QueueOptionsSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_QUEUE_OPTIONS;
  }

  setOptions(patch: Partial<QueueOptions>): void {
    this.config.setSetting(OPTIONS_KEY, JSON.stringify({ ...this.options(), ...patch }));
  }
}
