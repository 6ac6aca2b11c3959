import { z } from 'zod';
import { IdSchema } from './config.ts';
import { nfc } from './text.ts';

const NameSchema = z.string().trim().min(1).max(200).transform(nfc);

/**
 * One service (lĩnh vực) a counter issues numbers for: `start`, `start + step`, … up to `end`,
 * at most `dailyCap` numbers per Vietnam calendar day.
 */
export const QueueServiceSchema = z
  .object({
    id: IdSchema,
    /** The first counter serving it; kept for payloads from before `counterIds` (a tolerant reader). */
    counterId: IdSchema.optional(),
    /** Every counter serving the service: an entrance ticket for it reaches all of them. */
    counterIds: z.array(IdSchema).min(1).max(100).optional(),
    name: NameSchema,
    /** '' or one capital letter printed before the number (A001). */
    prefix: z.string().regex(/^[A-Z]?$/, 'Tiền tố là một chữ cái in hoa hoặc để trống'),
    start: z.number().int().min(0).max(999_999),
    end: z.number().int().min(0).max(999_999),
    step: z.number().int().min(1).max(1000),
    dailyCap: z.number().int().min(1).max(100_000),
    order: z.number().int().min(0).default(0),
  })
  .refine((s) => s.end >= s.start, { error: 'Số cuối phải lớn hơn hoặc bằng số đầu', path: ['end'] })
  .refine((s) => s.counterId !== undefined || s.counterIds !== undefined, {
    error: 'Dịch vụ phải có ít nhất một quầy phục vụ',
    path: ['counterIds'],
  })
  .transform(({ counterId, counterIds, ...rest }) => {
    const all = [...new Set(counterIds ?? [counterId!])];
    return { ...rest, counterId: all[0]!, counterIds: all };
  });
export type QueueService = z.output<typeof QueueServiceSchema>;

/** Đối tượng ưu tiên: called before (or between) normal tickets according to the ordering rule. */
export const PriorityCategorySchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'Mã đối tượng ưu tiên không hợp lệ'),
  label: NameSchema,
  order: z.number().int().min(0),
});
export type PriorityCategory = z.infer<typeof PriorityCategorySchema>;

/** `strict`: any waiting priority ticket goes first; otherwise one priority ticket after n normal ones. */
export const OrderingRuleSchema = z.union([
  z.literal('strict'),
  z.object({ normalPerPriority: z.number().int().min(1).max(100) }),
]);
export type OrderingRule = z.infer<typeof OrderingRuleSchema>;

/** The longest rating window a centre may configure; the server refuses ratings later than this. */
export const RATING_WINDOW_MAX_SECONDS = 600;

export const QueueOptionsSchema = z.object({
  ordering: OrderingRuleSchema.default('strict'),
  /** How long the citizen screen asks for a rating after the officer finishes a ticket. */
  ratingWindowSeconds: z.number().int().min(5).max(RATING_WINDOW_MAX_SECONDS).default(30),
  /** How long the ticket stays on the citizen screen after taking a number. */
  ticketDisplaySeconds: z.number().int().min(3).max(120).default(12),
  /** Moving average over this many recent service times. */
  waitSamples: z.number().int().min(1).max(100).default(10),
  /** Assumed service time while there is no history today. */
  defaultServiceMinutes: z.number().min(0.5).max(240).default(5),
});
export type QueueOptions = z.infer<typeof QueueOptionsSchema>;

export const QueueConfigSchema = z.object({
  services: z.array(QueueServiceSchema),
  priorities: z.array(PriorityCategorySchema),
  options: QueueOptionsSchema.default(QueueOptionsSchema.parse({})),
});
export type QueueConfig = z.infer<typeof QueueConfigSchema>;

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = QueueOptionsSchema.parse({});

export const DEFAULT_PRIORITY_CATEGORIES: PriorityCategory[] = [
  { code: 'nguoi_cao_tuoi', label: 'Người cao tuổi', order: 1 },
  { code: 'nguoi_khuyet_tat', label: 'Người khuyết tật', order: 2 },
  { code: 'phu_nu_mang_thai', label: 'Phụ nữ mang thai', order: 3 },
  { code: 'nguoi_co_cong', label: 'Người có công với cách mạng', order: 4 },
];

/** The demo centre: counter 1 issues two services, the other counters one each. */
export const DEMO_QUEUE_CONFIG: QueueConfig = {
  services: [
    {
      id: 'dv-chung-thuc',
      counterId: 'q-1',
      counterIds: ['q-1'],
      name: 'Chứng thực bản sao',
      prefix: '',
      start: 1001,
      end: 1999,
      step: 1,
      dailyCap: 999,
      order: 1,
    },
    {
      id: 'dv-ho-tich',
      counterId: 'q-1',
      counterIds: ['q-1'],
      name: 'Hộ tịch',
      prefix: '',
      start: 2001,
      end: 2999,
      step: 1,
      dailyCap: 999,
      order: 2,
    },
    ...[2, 3, 4, 5, 6].map((n) => ({
      id: `dv-quay-${n}`,
      counterId: `q-${n}`,
      counterIds: [`q-${n}`],
      name: `Tiếp nhận hồ sơ quầy ${n}`,
      prefix: '',
      start: (n + 1) * 1000 + 1,
      end: (n + 1) * 1000 + 999,
      step: 1,
      dailyCap: 999,
      order: 1,
    })),
  ],
  priorities: DEFAULT_PRIORITY_CATEGORIES,
  options: DEFAULT_QUEUE_OPTIONS,
};
