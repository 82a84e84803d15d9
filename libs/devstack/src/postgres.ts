import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';
import { startProcess, type ManagedProcess } from './process';

export interface RunningPostgres {
  url: string;
  process: ManagedProcess;
}

/** Starts embedded PostgreSQL (data kept in `dataDir` across runs) in its own host process; see postgres-host.ts. */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
}): Promise<RunningPostgres> {
  // Always the compiled host (npm start and npm test build first), so it runs the same in jest and in production.
  const host = path.join(repoRoot, 'dist', 'libs', 'devstack', 'src', 'postgres-host.js');
  if (!fs.existsSync(host)) throw new Error(`${host} is missing: run \`npm run build\` first.`);
  let announce: (url: string) => void = () => undefined;
  const ready = new Promise<string>((resolve) => (announce = resolve));
  const proc = startProcess(
    'postgres',
    process.execPath,
    [host, opts.dataDir, String(opts.port), opts.database],
    {
      output: 'ignore',
      onStdoutLine: (line) => {
        if (line.startsWith('{')) announce((JSON.parse(line) as { url: string }).url);
      },
    },
  );
  const url = await Promise.race([
    ready,
    proc.exited.then((code) => {
      throw new Error(`embedded PostgreSQL exited (${code}) before it was ready:\n${proc.lastErrors()}`);
    }),
  ]);
  return { url, process: proc };
}
