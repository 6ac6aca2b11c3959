import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIORITY_CATEGORIES,
  DEMO_QUEUE_CONFIG,
  QueueConfigSchema,
  QueueServiceSchema,
} from '../../../shared/domain/queue-config.ts';
import '../../../shared/contract/zod-vietnamese.ts';

const SERVICE = {
  id: 'dv-1',
  counterId: 'q-1',
  name: 'Chứng thực bản sao',
  prefix: '',
  start: 1001,
  end: 1999,
  step: 1,
  dailyCap: 999,
};

describe('queue configuration', () => {
  it('accepts the demo configuration, with the four default priority categories and strict ordering', () => {
    const parsed = QueueConfigSchema.parse(DEMO_QUEUE_CONFIG);
    expect(parsed.services.filter((s) => s.counterId === 'q-1').map((s) => s.name)).toEqual([
      'Chứng thực bản sao',
      'Hộ tịch',
    ]);
    expect(DEFAULT_PRIORITY_CATEGORIES.map((p) => p.label)).toEqual([
      'Người cao tuổi',
      'Người khuyết tật',
      'Phụ nữ mang thai',
      'Người có công với cách mạng',
    ]);
    expect(parsed.options).toMatchObject({ ordering: 'strict', ratingWindowSeconds: 30 });
    expect(
      QueueConfigSchema.parse({ services: [], priorities: [], options: { ordering: { normalPerPriority: 3 } } }).options
        .ordering,
    ).toEqual({
      normalPerPriority: 3,
    });
  });

  it('refuses an end number before the start, and a prefix that is not one capital letter, in Vietnamese', () => {
    const backwards = QueueServiceSchema.safeParse({ ...SERVICE, end: 1000 });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]?.message).toBe('Số cuối phải lớn hơn hoặc bằng số đầu');
    const prefix = QueueServiceSchema.safeParse({ ...SERVICE, prefix: 'AB' });
    expect(prefix.error?.issues[0]?.message).toBe('Tiền tố là một chữ cái in hoa hoặc để trống');
    expect(QueueServiceSchema.safeParse({ ...SERVICE, prefix: 'A' }).success).toBe(true);
  });
});
