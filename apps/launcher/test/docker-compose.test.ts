import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { caseSearchAttributes } from '../../../workflows/src/search-attributes';

const root = path.join(__dirname, '..', '..', '..');
const composeFile = path.join(root, 'docker-compose.yml');
type Service = { image?: string; build?: string; command?: string[]; environment?: Record<string, string> };

// No Docker engine runs on the development machines, so the file is checked here for what matters to us;
// where the `docker compose` plugin exists, its own validation runs as well.
describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(composeFile, 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };

  it('has the production-like topology', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api', 'migrate', 'postgres', 'temporal', 'temporal-setup', 'temporal-ui', 'worker'].sort(),
    );
    expect(compose.services.temporal!.environment).toMatchObject({
      DB: 'postgres12',
      POSTGRES_SEEDS: 'postgres',
    });
  });

  it('runs our compiled entry points, all of which exist in the build', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const command = compose.services[name]!.command!;
      expect(command[0]).toBe('node');
      expect(fs.existsSync(path.join(root, command[1]!.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(
        true,
      );
    }
  });

  it('points API and worker at the compose services through the environment only', () => {
    for (const name of ['api', 'worker']) {
      expect(compose.services[name]!.environment).toMatchObject({
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_NAMESPACE: 'jiuzhu',
        DATABASE_URL: expect.stringContaining('@postgres:5432/jiuzhu'),
      });
    }
  });

  it('registers every search attribute the workflows use', () => {
    const setup = (compose.services['temporal-setup']!.command ?? []).join(' ');
    for (const key of caseSearchAttributes) expect(setup).toContain(`--name ${key.name} --type`);
  });

  it('passes `docker compose config` where the compose plugin is installed', () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (probe.status !== 0) return; // only the plain docker client here: the structural checks above stand
    const result = spawnSync('docker', ['compose', '-f', composeFile, 'config', '--quiet'], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
