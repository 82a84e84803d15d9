import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../../libs/devstack/src';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';

/** `npm run policy` (the compiled CLI) against a real, migrated database. */
describe('npm run policy', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const scratch = mkdtempSync(path.join(tmpdir(), 'jiuzhu-policy-cli-'));
  const run = (args: string[], env: NodeJS.ProcessEnv = { DATABASE_URL: db.url }) => {
    const res = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'dist/apps/api/src/policies/policy-cli.js'), ...args],
      {
        env: { PATH: process.env.PATH, JIUZHU_DATA_DIR: scratch, ...env },
        encoding: 'utf8',
      },
    );
    return { code: res.status, out: res.stdout, err: res.stderr };
  };

  beforeAll(async () => {
    db = await createTestDatabase('policy_cli');
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('validates a file, listing every problem', () => {
    const file = path.join(scratch, 'bad.json');
    writeFileSync(file, JSON.stringify({ format: 'jiuzhu-policy/1', id: 'Bad Id' }));
    const res = run(['validate', file]);
    expect(res.code).toBe(1);
    expect(res.out).toContain('id\tFORMAT');
    expect(res.out).toContain('basicAid\tMISSING_FIELD');
    expect(res.out).toMatch(/\d+ problem\(s\)/);
    expect(run(['validate', path.join(repoRoot, 'libs/rules/src/policies/xinhui-2018.json')]).out).toBe(
      'valid\n',
    );
  });

  it('publishes a continuation only with two different administrators, and never over a published range', () => {
    const args = [
      'continue',
      'xinhui-2018',
      '--from',
      '2021-10-01',
      '--to',
      '2024-12-31',
      '--doc',
      '继续执行通知',
    ];
    const self = run([...args, '--as', 'admin-a', '--approved-by', 'admin-a']);
    expect(self.code).toBe(1);
    expect(self.err).toContain('POLICY_FOUR_EYES');
    const ok = run([...args, '--as', 'admin-a', '--approved-by', 'admin-b']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ id: 'xinhui-2018-continued-2021-10-01', status: 'PUBLISHED' });
    const overlap = run([
      'continue',
      'xinhui-2018',
      '--from',
      '2024-01-01',
      '--to',
      '2025-12-31',
      '--doc',
      'x',
      '--as',
      'a',
    ]);
    expect(overlap.code).toBe(1);
    expect(overlap.err).toContain('POLICY_RANGE_OVERLAP');
    expect(run(['list']).out).toMatch(
      /xinhui-2018-continued-2021-10-01\tPUBLISHED\t2021-10-01\.\.2024-12-31/,
    );
  });

  it('diffs two versions: a continuation differs only in its identity, range and document', () => {
    const res = run(['diff', 'xinhui-2018', 'xinhui-2018-continued-2021-10-01']);
    expect(res.code).toBe(0);
    const keys = res.out
      .trim()
      .split('\n')
      .slice(0, -1)
      .map((l) => l.split(':')[0]!.split('.')[0]);
    expect([...new Set(keys)].sort()).toEqual(['continues', 'document', 'effective', 'id']);
  });

  it('allows --local-trial only on the database of npm start', () => {
    const res = run(['continue', 'xinhui-2018', '--from', '2025-01-01', '--doc', 'x', '--local-trial']);
    expect(res.code).toBe(64);
    expect(res.err).toContain('--local-trial only works on the database of `npm start`');
    const none = run(['list'], {});
    expect(none.code).toBe(64);
    expect(none.err).toContain('DATABASE_URL is not set');
  });
});
