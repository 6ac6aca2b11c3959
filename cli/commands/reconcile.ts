import { parseArgs } from 'node:util';
import { describeDifference, reconcileAggregates } from '../../server/aggregates/reconcile.ts';
import { DB_OPTIONS, openCliDb } from './server.ts';

/** `hailong server reconcile` (usage in SERVER_USAGE). */
export async function runReconcile(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { ...DB_OPTIONS, fix: { type: 'boolean', default: false } },
    strict: true,
  });
  const server = await openCliDb(values);
  try {
    const result = await reconcileAggregates(server.db, server.backend, values.fix);
    for (const difference of result.differences) console.log(describeDifference(difference));
    if (result.differences.length === 0) {
      console.log('Các bảng tổng hợp khớp với dữ liệu gốc.');
    } else if (result.fixed) {
      console.log(`Đã sửa ${result.differences.length} dòng tổng hợp theo dữ liệu gốc.`);
    } else {
      console.log(`${result.differences.length} dòng tổng hợp khác dữ liệu gốc. Chạy lại với --fix để sửa.`);
      process.exitCode = 1;
    }
  } finally {
    await server.close();
  }
}
