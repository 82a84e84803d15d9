import { createDataSource } from '../data-source';
import { EventStore } from './event-store';

// `npm run events:verify [caseId]`: recompute the hash chain of every case (or one) and list any break.
// Exits 1 when the log has been edited, or events inserted or removed, behind the store's back.
// Reads DATABASE_URL directly (not loadConfig, which also wants the API's JWT secret).
async function main() {
  const url = process.env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\/.+/.test(url)) {
    throw new Error(
      'DATABASE_URL must be set to a postgres:// URL, e.g. postgres://user:password@localhost:5432/jiuzhu',
    );
  }
  const caseId = process.argv[2];
  const dataSource = await createDataSource(url, {
    applicationName: 'jiuzhu-events-verify',
    poolSize: 1,
  }).initialize();
  try {
    const started = Date.now();
    const { events, cases, breaks } = await new EventStore(dataSource).verify(caseId);
    const scope = caseId ? `case ${caseId}` : `${cases} case(s)`;
    if (!breaks.length) {
      console.log(`hash chain intact: ${events} event(s) in ${scope}, checked in ${Date.now() - started} ms`);
      return;
    }
    console.error(`hash chain BROKEN: ${breaks.length} break(s) in ${events} event(s) of ${scope}`);
    for (const b of breaks) console.error(`  case ${b.caseId} sequence ${b.sequence}: ${b.problem}`);
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
