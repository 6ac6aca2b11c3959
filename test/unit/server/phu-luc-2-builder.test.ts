import { describe, expect, it } from 'vitest';
import { buildPhuLuc2, misuseLine, periodLine, type PhuLuc2Input } from '../../../shared/domain/phu-luc-2-builder.ts';
import { DEFAULT_AGENCIES, DEFAULT_RATING_LEVELS } from '../../../shared/domain/defaults.ts';

const base: PhuLuc2Input = {
  centreName: 'Trung tâm Phục vụ hành chính công tỉnh',
  from: '2021-01-01',
  to: '2021-06-14',
  levels: DEFAULT_RATING_LEVELS,
  agencies: DEFAULT_AGENCIES,
  officers: [],
  roster: [],
  counts: [],
  misuseExcluded: 0,
  generatedAt: new Date('2021-06-15T01:00:00Z'),
};

describe('buildPhuLuc2', () => {
  it('writes the period and misuse lines as the form does', () => {
    expect(periodLine('2021-01-01', '2021-06-14')).toBe('(Từ ngày 01/01/2021 đến 14/06/2021)');
    expect(misuseLine(1204)).toBe(
      'Có 1.204 lượt bấm bị đánh dấu nghi vấn (bấm liên tiếp trong thời gian ngắn) không được tính vào biểu.',
    );
    expect(misuseLine(0)).toMatch(/^Không có lượt bấm nào bị đánh dấu nghi vấn/);
    const report = buildPhuLuc2(base);
    expect(report.periodLine).toBe('(Từ ngày 01/01/2021 đến 14/06/2021)');
    expect(report.generatedAt).toBe('2021-06-15T08:00:00.000+07:00');
    expect(report.rows).toEqual([]);
    expect(report.totals).toEqual([0, 0, 0, 0]);
  });

  it('orders by agency order, officer order, then Vietnamese name order, and numbers the rows', () => {
    const report = buildPhuLuc2({
      ...base,
      officers: [
        { id: 'b', fullName: 'Bùi Văn Bảo', agencyId: 'ag-11', order: 1 },
        { id: 'a', fullName: 'Đặng Thị Ánh', agencyId: 'ag-01', order: 2 },
        { id: 'c', fullName: 'Dương Văn Cao', agencyId: 'ag-01', order: 2 },
        { id: 'd', fullName: 'Ánh Văn Dư', agencyId: 'ag-01', order: 2 },
        { id: 'e', fullName: 'Zô Văn E', agencyId: 'ag-01', order: 1 },
      ],
      roster: ['a', 'b', 'c', 'd', 'e'].map((id) => ({
        officerId: id,
        agencyId: id === 'b' ? 'ag-11' : 'ag-01',
      })),
      counts: [{ officerId: 'b', agencyId: 'ag-11', level: 'kha', count: 1204 }],
    });
    expect(report.rows.map((r) => [r.stt, r.fullName, r.agencyName, r.counts])).toEqual([
      [1, 'Zô Văn E', 'Sở Công Thương', [0, 0, 0, 0]],
      [2, 'Ánh Văn Dư', 'Sở Công Thương', [0, 0, 0, 0]],
      [3, 'Dương Văn Cao', 'Sở Công Thương', [0, 0, 0, 0]],
      [4, 'Đặng Thị Ánh', 'Sở Công Thương', [0, 0, 0, 0]],
      [5, 'Bùi Văn Bảo', 'Sở Tư pháp', [0, 1204, 0, 0]],
    ]);
    expect(report.totals).toEqual([0, 1204, 0, 0]);
  });

  it('gives an officer one row per agency they were rated in, and keeps a roster row with zeros', () => {
    const report = buildPhuLuc2({
      ...base,
      officers: [{ id: 'x', fullName: 'Hoàng Minh Tuấn', agencyId: 'ag-16', order: 1 }],
      roster: [{ officerId: 'x', agencyId: 'ag-16' }],
      counts: [
        { officerId: 'x', agencyId: 'ag-11', level: 'tot', count: 4 },
        { officerId: 'x', agencyId: 'ag-11', level: 'kem', count: 1 },
      ],
      misuseExcluded: 3,
    });
    expect(report.rows.map((r) => [r.agencyId, r.counts])).toEqual([
      ['ag-11', [4, 0, 0, 1]],
      ['ag-16', [0, 0, 0, 0]],
    ]);
    expect(report.misuseExcluded).toBe(3);
    expect(report.misuseLine).toMatch(/^Có 3 lượt bấm/);
  });

  it("uses the province's own scale as columns, in its order", () => {
    const report = buildPhuLuc2({
      ...base,
      levels: [
        { code: 'khong_hai_long', label: 'Không hài lòng', order: 2 },
        { code: 'hai_long', label: 'Hài lòng', order: 1 },
      ],
      officers: [{ id: 'x', fullName: 'A', agencyId: 'ag-01', order: 1 }],
      counts: [
        { officerId: 'x', agencyId: 'ag-01', level: 'khong_hai_long', count: 2 },
        { officerId: 'x', agencyId: 'ag-01', level: 'hai_long', count: 7 },
        { officerId: 'x', agencyId: 'ag-01', level: 'tot', count: 100 },
      ],
    });
    // A code the scale no longer knows is never dropped: it gets a column of its own, last.
    expect(report.levels).toEqual([
      { code: 'hai_long', label: 'Hài lòng' },
      { code: 'khong_hai_long', label: 'Không hài lòng' },
      { code: 'tot', label: 'tot' },
    ]);
    expect(report.rows[0]!.counts).toEqual([7, 2, 100]);
    expect(report.totals).toEqual([7, 2, 100]);
  });

  it('keeps an inactive level as a column only in a period that has ratings of it', () => {
    const levels = [
      { code: 'tot', label: 'Tốt', order: 1 },
      { code: 'kha', label: 'Khá', order: 2, active: false },
      { code: 'kem', label: 'Kém', order: 3 },
    ];
    const officers = [{ id: 'x', fullName: 'A', agencyId: 'ag-01', order: 1 }];
    const rated = buildPhuLuc2({
      ...base,
      levels,
      officers,
      counts: [
        { officerId: 'x', agencyId: 'ag-01', level: 'kha', count: 4 },
        { officerId: 'x', agencyId: 'ag-01', level: 'kem', count: 1 },
      ],
    });
    expect(rated.levels.map((l) => l.code)).toEqual(['tot', 'kha', 'kem']);
    expect(rated.rows[0]!.counts).toEqual([0, 4, 1]);
    const quiet = buildPhuLuc2({
      ...base,
      levels,
      officers,
      counts: [{ officerId: 'x', agencyId: 'ag-01', level: 'tot', count: 3 }],
    });
    expect(quiet.levels.map((l) => l.code)).toEqual(['tot', 'kem']);
    expect(quiet.rows[0]!.counts).toEqual([3, 0]);
  });
});
