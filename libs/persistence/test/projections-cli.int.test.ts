import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { actors, submitted } from '../../domain/test/support';
import { CaseProjector, createDataSource, EventStore } from '../src';
import { createTestDatabase } from './test-database';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');

/** `npm run projections:rebuild` and `npm run events:verify`, run from the sources against a real database. */
async function cli(script: string, url: string | undefined, args: string[] = []) {
  const env = { ...process.env, DATABASE_URL: url ?? '' };
  try {
    const { stdout, stderr } = await run('node', ['-r', 'ts-node/register/transpile-only', script, ...args], {
      cwd: ROOT,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('projections:rebuild and events:verify commands', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('projections_cli');
    dataSource = await createDataSource(db.url).initialize();
    const driver = submitted().driveTo('DISTRICT_REVIEW');
    driver.do('Withdraw', { reason: '撤回' }, actors.caseworker);
    await new EventStore(dataSource, [new CaseProjector()]).append('XH-2019-0001', 1, driver.events);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('rebuilds the read models and prints counts and timing', async () => {
    await dataSource.query('DELETE FROM cases');
    const result = await cli('libs/persistence/src/projections/rebuild.ts', db.url);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rebuilt read models from \d+ event\(s\) in \d+ ms/);
    expect(result.stdout).toMatch(/cases\s+1\n/);
    expect(result.stdout).toMatch(/step_history\s+\d+/);
    const [row] = (await dataSource.query('SELECT status FROM cases')) as Array<{ status: string }>;
    expect(row).toEqual({ status: 'WITHDRAWN' });
  }, 60_000);

  it('verifies the hash chain, and exits non-zero listing the breaks after tampering', async () => {
    const intact = await cli('libs/persistence/src/event-store/verify.ts', db.url);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/hash chain intact: \d+ event\(s\) in 1 case\(s\)/);

    await dataSource.query('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete');
    await dataSource.query(
      `UPDATE case_events SET payload = jsonb_set(payload, '{reason}', '"篡改"') WHERE type = 'Withdrawn'`,
    );
    await dataSource.query('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete');
    const broken = await cli('libs/persistence/src/event-store/verify.ts', db.url);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/hash chain BROKEN: 1 break\(s\)/);
    expect(broken.stderr).toMatch(/case XH-2019-0001 sequence \d+: hash mismatch/);
  }, 60_000);

  it('says what DATABASE_URL should look like when it is missing', async () => {
    const result = await cli('libs/persistence/src/projections/rebuild.ts', undefined);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL must be set to a postgres:\/\/ URL/);
  }, 60_000);
});
