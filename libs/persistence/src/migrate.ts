import { createLogger, loadConfig } from '../../config/src';
import { runMigrations } from './data-source';

// `npm run migration:run`: apply pending migrations to DATABASE_URL (used for external databases; the
// launcher and the tests run them themselves).
async function main() {
  const log = createLogger('migrate');
  const applied = await runMigrations(loadConfig().databaseUrl);
  log.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'schema is up to date');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
