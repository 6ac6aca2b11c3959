/** What test/fixtures/upgrade-0019/ was made with (upgrade-fixture.generate.ts): the clock and the reports asked. */
export const FIXTURE_NOW = '2026-11-28T03:00:00.000Z';
export const FIXTURE_REPORTS = [
  '/api/v1/reports/phu-luc-2?from=2026-11-20&to=2026-11-28',
  '/api/v1/reports/phu-luc-2?from=2026-11-20&to=2026-11-28&format=csv',
  '/api/v1/reports/phu-luc-2?from=2026-11-24&to=2026-11-24&format=csv&delimiter=semicolon',
  '/api/v1/reports/coverage?from=2026-11-20&to=2026-11-28',
  '/api/v1/reports/coverage?from=2026-11-20&to=2026-11-28&format=csv',
  '/api/v1/reports/dossiers?from=2026-11-20&to=2026-11-28',
  '/api/v1/reports/national-scale?from=2026-11-20&to=2026-11-28',
  '/api/v1/console/ratings?from=2026-11-20&to=2026-11-28',
  '/api/v1/console/ratings?from=2026-11-20&to=2026-11-28&agencyId=ag-02',
];
