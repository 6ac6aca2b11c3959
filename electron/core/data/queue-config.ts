import type { PriorityCategory, QueueService } from '../../../shared/domain/queue-config.ts';
import type { Db } from '../database.ts';

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

/** The queue configuration tables: services, the counters serving each, priority categories. */
export interface QueueConfigData {
  clear(): void;
  insertService(service: Omit<QueueService, 'counterIds'>): void;
  insertServingCounter(serviceId: string, counterId: string, position: number): void;
  insertPriority(priority: PriorityCategory): void;
  service(id: string): QueueService | null;
  servicesOf(counterId: string): QueueService[];
  /** Every service, by its counter's number, then its own order and name. */
  allServices(): QueueService[];
  priorities(): PriorityCategory[];
}

export function prepareQueueConfig(db: Db): QueueConfigData {
  const deleteServices = db.prepare('DELETE FROM queue_services');
  const deletePriorities = db.prepare('DELETE FROM queue_priorities');
  const deleteServing = db.prepare('DELETE FROM queue_service_counters');
  const insertServing = db.prepare<[string, string, number]>(
    'INSERT INTO queue_service_counters (service_id, counter_id, position) VALUES (?, ?, ?)',
  );
  const insertService = db.prepare<[string, string, string, string, number, number, number, number, number]>(
    `INSERT INTO queue_services (id, counter_id, name, prefix, start_number, end_number, step, daily_cap, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPriority = db.prepare<[string, string, number]>(
    'INSERT INTO queue_priorities (code, label, sort_order) VALUES (?, ?, ?)',
  );
  const selectService = db.prepare<[string], ServiceRow>(`SELECT ${SERVICE_COLUMNS} FROM queue_services WHERE id = ?`);
  const selectCounterServices = db.prepare<[string], ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM queue_services
      WHERE id IN (SELECT service_id FROM queue_service_counters WHERE counter_id = ?) ORDER BY sort_order, name`,
  );
  const selectAll = db.prepare<[], ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM queue_services
      ORDER BY (SELECT number FROM counters c WHERE c.id = queue_services.counter_id), sort_order, name`,
  );
  const selectPriorities = db.prepare<[], PriorityCategory>(
    'SELECT code, label, sort_order AS "order" FROM queue_priorities ORDER BY sort_order',
  );
  return {
    clear: () => {
      deleteServices.run();
      deletePriorities.run();
      deleteServing.run();
    },
    insertService: (s) =>
      void insertService.run(s.id, s.counterId, s.name, s.prefix, s.start, s.end, s.step, s.dailyCap, s.order),
    insertServingCounter: (serviceId, counterId, position) => void insertServing.run(serviceId, counterId, position),
    insertPriority: (p) => void insertPriority.run(p.code, p.label, p.order),
    service: (id) => {
      const row = selectService.get(id);
      return row ? toService(row) : null;
    },
    servicesOf: (counterId) => selectCounterServices.all(counterId).map(toService),
    allServices: () => selectAll.all().map(toService),
    priorities: () => selectPriorities.all(),
  };
}
