import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort, repoRoot } from '../../../libs/devstack/src';

/**
 * The main job, as `npm start` runs it: Temporal dev server, embedded PostgreSQL, migrations, worker and API
 * on embedded defaults (here on free ports and a temporary data folder), the whole chain answering, a
 * crashed worker restarted, and Ctrl-C leaving no process behind.
 */
describe('npm start: the whole system on embedded defaults', () => {
  let launcher: ChildProcess;
  let output = '';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-launcher-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach it
  let apiPort: number;

  beforeAll(async () => {
    const [temporal, ui, postgres, api, metrics, sdkMetrics] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    apiPort = api;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      JIUZHU_DATA_DIR: dataDir,
      TEMPORAL_PORT: String(temporal),
      TEMPORAL_UI_PORT: String(ui),
      POSTGRES_PORT: String(postgres),
      API_PORT: String(api),
      WORKER_METRICS_PORT: String(metrics),
      TEMPORAL_SDK_METRICS_ADDRESS: `127.0.0.1:${sdkMetrics}`,
      LOG_LEVEL: 'warn',
    };
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'JWT_SECRET'])
      delete env[name];
    launcher = spawn(process.execPath, [path.join(repoRoot, 'dist', 'apps', 'launcher', 'src', 'main.js')], {
      env,
    });
    launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 120_000;
    while (!output.includes('Press Ctrl-C to stop.')) {
      if (launcher.exitCode !== null) throw new Error(`the launcher exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the launcher did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  afterAll(() => {
    if (launcher.exitCode === null) launcher.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URLs of the API, the OpenAPI docs and the Temporal UI', () => {
    expect(output).toContain(`API             http://127.0.0.1:${apiPort}`);
    expect(output).toContain(`OpenAPI docs    http://127.0.0.1:${apiPort}/docs`);
    expect(output).toMatch(/Temporal UI {5}http:\/\/127\.0\.0\.1:\d+\/namespaces\/jiuzhu\/workflows/);
  });

  it('serves the whole chain: the probe workflow writes to PostgreSQL and the API reads it back', async () => {
    expect((await fetch(`http://127.0.0.1:${apiPort}/health/ready`)).status).toBe(200);
    const probe = await fetch(`http://127.0.0.1:${apiPort}/health/probe`, { method: 'POST' });
    expect(probe.status).toBe(200);
    expect(((await probe.json()) as { status: string }).status).toBe('ok');
  });

  it('restarts a worker killed with SIGKILL, and the chain works again', async () => {
    const workerPid = () =>
      execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .find(
          ([, ppid, , script]) => Number(ppid) === launcher.pid && script?.endsWith('worker/src/main.js'),
        )?.[0];
    const before = workerPid();
    expect(before).toBeDefined();
    process.kill(Number(before), 'SIGKILL');
    const deadline = Date.now() + 60_000;
    while (!output.includes('worker restarted')) {
      if (Date.now() > deadline) throw new Error(`the worker was not restarted:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain('worker exited unexpectedly (SIGKILL); restarting it in 500 ms');
    expect(workerPid()).not.toBe(before);
    expect(launcher.exitCode).toBeNull();
    const probe = await fetch(`http://127.0.0.1:${apiPort}/health/probe`, { method: 'POST' });
    expect(probe.status).toBe(200);
    expect(((await probe.json()) as { status: string }).status).toBe('ok');
  });

  it('says on its banner that no policy version is in force today, with the command that publishes one', () => {
    expect(output).toMatch(/Policy {10}NONE in force today \(\d{4}-\d{2}-\d{2}\)/);
    expect(output).toContain('npm run policy -- continue xinhui-2018 --from 2021-10-01 --doc "');
    expect(output).toContain('--local-trial');
  });

  it("runs the README's quick tour exactly as written: today's application reaches the first publicity", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const block = /<!-- tour:begin[^>]*-->\s*```sh\n([\s\S]*?)```\s*<!-- tour:end -->/.exec(readme)?.[1];
    expect(block).toContain('API=http://127.0.0.1:3000');
    // The only change: the API of this test's launcher listens on a free port, not on 3000.
    const script = block!.replace('API=http://127.0.0.1:3000', `API=http://127.0.0.1:${apiPort}`);
    const env: NodeJS.ProcessEnv = { ...process.env, JIUZHU_DATA_DIR: dataDir };
    for (const name of ['DATABASE_URL', 'JWT_SECRET']) delete env[name];
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(out).toMatch(/xinhui-2018-local-trial-2021-10-01\tPUBLISHED\t2021-10-01\.\./);
    expect(out).toMatch(/^case JZ-/m);
    expect(out).toContain('FIRST_NOTICE');
    expect(out).toMatch(/DEADLINE INVESTIGATION xinhui-2018-local-trial-2021-10-01 true/);
    expect(out).toMatch(/ELIGIBILITY {2}xinhui-2018-local-trial-2021-10-01 true/);
    expect(out).not.toMatch(/ false$/m);
  });

  it('stops everything on Ctrl-C, leaving no stray process', async () => {
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    // Every server it started ran with the data folder on its command line.
    const leftovers = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(dataDir));
    expect(leftovers).toEqual([]);
  });
});
