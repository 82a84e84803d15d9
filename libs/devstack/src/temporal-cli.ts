import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { caseSearchAttributes } from '../../../workflows/src/search-attributes';
import { toolsDir } from './paths';
import { waitFor } from './ports';
import { startProcess, type ManagedProcess } from './process';

// v1.5.1 is the newest tag without a `replace` directive, so it is the newest that `go install` can build.
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
const toolsBin = path.join(toolsDir, 'bin');

/**
 * The `temporal` executable: from PATH, else from the project's tools folder, else built from its Go
 * module into the tools folder (a few minutes, once per machine).
 */
export function ensureTemporalCli(log: (msg: string) => void = console.log): string {
  const cached = path.join(toolsBin, 'temporal');
  if (fs.existsSync(cached)) return cached;
  const onPath = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  if (spawnSync('go', ['version']).error) {
    throw new Error(
      'The Temporal CLI is not on PATH and Go is missing, so it cannot be built. Install Go (1.22+) and run ' +
        `again, or put a \`temporal\` binary on PATH, or set TEMPORAL_ADDRESS to an existing Temporal server.`,
    );
  }
  log(
    `Building the Temporal CLI (go install ${TEMPORAL_CLI_MODULE}) into ${toolsBin}; this takes a few minutes once...`,
  );
  fs.mkdirSync(toolsBin, { recursive: true });
  execFileSync('go', ['install', TEMPORAL_CLI_MODULE], {
    env: { ...process.env, GOBIN: toolsBin, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
    stdio: 'inherit',
  });
  log('Temporal CLI built.');
  return cached;
}

export interface DevServerOptions {
  port: number;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  /** SQLite file for on-disk persistence; omit for an in-memory server (tests). */
  dbFile?: string;
  namespace: string;
  output?: 'prefix' | 'ignore';
}

export interface RunningTemporal {
  address: string;
  namespace: string;
  uiUrl?: string;
  process: ManagedProcess;
}

const SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];
/** One partition per task queue: a single machine's worker polls it directly, no forwarding between partitions. */
const DYNAMIC_CONFIG = ['matching.numTaskqueueReadPartitions=1', 'matching.numTaskqueueWritePartitions=1'];

/** Starts `temporal server start-dev` with our namespace and search attributes, and waits until it serves. */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<RunningTemporal> {
  const cli = ensureTemporalCli();
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--namespace',
    opts.namespace,
  ];
  args.push('--log-level', 'error');
  for (const value of DYNAMIC_CONFIG) args.push('--dynamic-config-value', value);
  for (const key of caseSearchAttributes)
    args.push('--search-attribute', `${key.name}=${searchAttributeCliType(key.type)}`);
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
    // Write-ahead log, synced at checkpoints rather than at every commit: a crash of the process loses
    // nothing, a power cut at most the last moments (the dev server is for one machine's trial and tests;
    // production runs Temporal on PostgreSQL, docker-compose.yml). Each history write was an fsync before.
    for (const pragma of SQLITE_PRAGMAS) args.push('--sqlite-pragma', pragma);
  }
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');

  const proc = startProcess('temporal', cli, args, {
    output: opts.output ?? 'prefix',
    env: withoutOtel(process.env),
  });
  const address = `127.0.0.1:${opts.port}`;
  try {
    await waitFor(
      `the Temporal server at ${address}`,
      () => namespaceIsReady(address, opts.namespace, proc),
      60_000,
    );
  } catch (err) {
    await proc.stop();
    throw new Error(`${(err as Error).message}\n${proc.lastErrors()}`);
  }
  return {
    address,
    namespace: opts.namespace,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}/namespaces/${opts.namespace}/workflows` : undefined,
    process: proc,
  };
}

/**
 * The server reads the OpenTelemetry variables too and refuses to start on values it does not know (e.g.
 * OTEL_TRACES_EXPORTER=console, which our API and worker accept): they are ours, not the dev server's.
 */
function withoutOtel(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('OTEL_')));
}

async function namespaceIsReady(address: string, namespace: string, proc: ManagedProcess): Promise<boolean> {
  if (proc.child.exitCode !== null)
    throw new Error(`the Temporal server exited with code ${proc.child.exitCode}`);
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

// The CLI's --search-attribute flag takes the server's type names (Keyword, Datetime, ...).
function searchAttributeCliType(type: string): string {
  const names: Record<string, string> = {
    KEYWORD: 'Keyword',
    TEXT: 'Text',
    INT: 'Int',
    DOUBLE: 'Double',
    BOOL: 'Bool',
    DATETIME: 'Datetime',
    KEYWORD_LIST: 'KeywordList',
  };
  const name = names[type];
  if (!name) throw new Error(`No Temporal CLI name for search attribute type ${type}`);
  return name;
}
