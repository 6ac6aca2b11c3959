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
import { openKioskData } from '../data/index.ts';
import type { QueueConfigData } from '../data/queue-config.ts';

const OPTIONS_KEY = 'queue.options';

/** Reads and replaces the queue configuration: services, priority categories, options. */
export class QueueStore {
  private readonly tables: QueueConfigData;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigStore,
  ) {
    this.tables = openKioskData(db).queueConfig;
  }

  /** Replaces the whole queue configuration in one transaction; tickets are kept. */
  apply(queue: QueueConfig): void {
    this.db.transaction(() => {
      this.tables.clear();
      for (const s of queue.services) {
        this.tables.insertService(s);
        // A payload from before `counterIds` names one counter (a tolerant reader).
        (s.counterIds ?? [s.counterId]).forEach((counterId, position) =>
          this.tables.insertServingCounter(s.id, counterId, position),
        );
      }
      for (const p of queue.priorities) this.tables.insertPriority(p);
      this.config.setSetting(OPTIONS_KEY, JSON.stringify(queue.options));
    })();
  }

  service(id: string): QueueService | null {
    return this.tables.service(id);
  }

  servicesOf(counterId: string): QueueService[] {
    return this.tables.servicesOf(counterId);
  }

  allServices(): QueueService[] {
    return this.tables.allServices();
  }

  priorities(): PriorityCategory[] {
    return this.tables.priorities();
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
