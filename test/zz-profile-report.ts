// Scratch profile (not committed): Phụ lục 2 per centre / province on PostgreSQL at province shape.
import { performance } from 'node:perf_hooks';
import { createServer } from '../server/app.ts';
import { freshDatabase, ADMIN_PASSWORD, login, auth } from './integration/server/support.ts';
import { sql } from 'kysely';

const CENTRES = Number(process.env.C ?? 100), PER = 10, RATINGS = Number(process.env.R ?? 1_000_000);
const db0 = await freshDatabase('postgres');
const app: any = await createServer({ ...db0.options, adminPassword: ADMIN_PASSWORD, log: () => {} });
const admin = await login(app, 'admin', ADMIN_PASSWORD);
const post = async (url: string, payload: object) => {
  const r = await app.inject({ method: 'POST', url, payload, headers: auth(admin) });
  if (r.statusCode >= 300) throw new Error(url + r.body);
  return r.json();
};
const agencies = (await app.inject({ url: '/api/v1/agencies', headers: auth(admin) })).json();
const officers: { id: string; agencyId: string }[] = [];
const centres: any[] = (await app.inject({ url: '/api/v1/centres', headers: auth(admin) })).json();
for (let c = centres.length; c < CENTRES; c++) centres.push(await post('/api/v1/centres', { code: `XA${c}`, name: `Xã số ${c}` }));
for (const centre of centres) for (let i = 0; i < PER; i++) {
  const a = agencies[(i + centre.id) % agencies.length];
  const o = await post('/api/v1/officers', { fullName: `Cán bộ ${centre.id}-${i}`, agencyId: a.id, centreId: centre.id });
  officers.push({ id: o.id, agencyId: a.id });
}
console.log('setup', officers.length);
const db = app.hailong.db;
const ids = officers.map((o) => o.id), ags = officers.map((o) => o.agencyId);
let t = performance.now();
await sql`INSERT INTO ratings (id, device_id, occurred_at, occurred_ms, day, officer_id, agency_id, counter_id, ticket_id, level, reasons, misuse)
 SELECT 'r' || i, 'dev', '2026-01-01T00:00:00Z', 0, to_char(date '2025-12-01' + (i % 260), 'YYYY-MM-DD'), (${ids}::text[])[1 + i % ${ids.length}], (${ags}::text[])[1 + i % ${ids.length}], NULL, NULL,
  CASE WHEN i % 100 < 80 THEN 'tot' WHEN i % 100 < 93 THEN 'kha' WHEN i % 100 < 98 THEN 'trung_binh' ELSE 'kem' END, NULL, CASE WHEN i % 97 = 0 THEN 1 ELSE 0 END
 FROM generate_series(1, ${RATINGS}) AS i`.execute(db);
await sql`INSERT INTO rating_daily (day, officer_id, agency_id, level, misuse, n) SELECT day, officer_id, agency_id, level, misuse, count(*) FROM ratings GROUP BY 1,2,3,4,5`.execute(db);
await sql`ANALYZE`.execute(db);
console.log('fill', Math.round(performance.now() - t), 'ms', (await sql<any>`SELECT count(*) AS n FROM rating_daily`.execute(db)).rows[0]);
const time = async (label: string, url: string) => {
  const s: number[] = [];
  for (let i = 0; i < 4; i++) { const t0 = performance.now(); const r = await app.inject({ url, headers: auth(admin) }); if (r.statusCode !== 200) throw new Error(r.body); s.push(performance.now() - t0); }
  console.log(label, s.map(Math.round).join(' '));
};
await time('centre', `/api/v1/reports/phu-luc-2?from=2025-12-01&to=2026-11-30&centre=${centres[1].code}`);
await time('province', `/api/v1/reports/phu-luc-2?from=2025-12-01&to=2026-11-30&scope=province`);
if (process.env.LOGQ) {
  const { phuLuc2Counts, rosterFor } = await import('../server/reports/phu-luc-2-query.ts');
  const { reportCentre } = await import('../server/reports/centre-filter.ts');
  const rc = await reportCentre(db, centres[1].id);
  for (const [n, f] of [['counts', () => phuLuc2Counts(db, '2025-12-01', '2026-11-30', rc)], ['roster', () => rosterFor(db, '2025-12-01', '2026-11-30', rc)]] as const) {
    const t1 = performance.now(); await (f as any)(); console.log(n, Math.round(performance.now() - t1));
  }
}
await app.close(); await db0.cleanup(); process.exit(0);
