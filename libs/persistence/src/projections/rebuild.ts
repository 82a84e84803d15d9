import { createDataSource } from '../data-source';
import { rebuildProjections } from './rebuild-projections';

// `npm run projections:rebuild`: rebuild every read model of DATABASE_URL from case_events alone.
// Reads DATABASE_URL directly (not loadConfig, which also wants the API's JWT secret).
async function main() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\/.+/.test(url)) {
    throw new Error(
      'DATABASE_URL must be set to a postgres:// URL, e.g. postgres://user:password@localhost:5432/jiuzhu',
    );
  }
  const dataSource = await createDataSource(url, {
    applicationName: 'jiuzhu-projections-rebuild',
    poolSize: 1,
  }).initialize();
  try {
    const report = await rebuildProjections(dataSource);
    console.log(`rebuilt read models from ${report.events} event(s) in ${report.milliseconds} ms`);
    for (const [table, rows] of Object.entries(report.rows)) console.log(`  ${table.padEnd(14)} ${rows}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
