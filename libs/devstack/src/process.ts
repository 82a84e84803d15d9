import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has gone. */
  readonly exited: Promise<number | string>;
  stop(graceMs?: number): Promise<void>;
  /** The last lines it wrote to stderr, for error messages when it dies during start-up. */
  lastErrors(): string;
}

/**
 * Starts a child process whose output is forwarded line by line with a name prefix (or dropped), and which
 * can be stopped politely (SIGTERM, then SIGKILL after a grace period) so no stray process outlives us.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & {
    output?: 'prefix' | 'inherit' | 'ignore';
    onStdoutLine?: (line: string) => void;
  } = {},
): ManagedProcess {
  const output = options.output ?? 'prefix';
  const child = spawn(command, args, {
    ...options,
    stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  const recentStderr: string[] = [];
  forwardLines(child.stdout, (line) => {
    options.onStdoutLine?.(line);
    if (output === 'prefix') process.stdout.write(`[${name}] ${line}\n`);
  });
  forwardLines(child.stderr, (line) => {
    recentStderr.push(line);
    if (recentStderr.length > 20) recentStderr.shift();
    if (output === 'prefix') process.stderr.write(`[${name}] ${line}\n`);
  });
  const exited = new Promise<number | string>((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`${name}: could not start ${command}: ${err.message}`)));
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  exited.catch(() => undefined);
  return {
    name,
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited.catch(() => undefined);
      clearTimeout(timer);
    },
    lastErrors: () => recentStderr.join('\n'),
  };
}

function forwardLines(stream: NodeJS.ReadableStream | null | undefined, onLine: (line: string) => void) {
  if (!stream) return;
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
  stream.on('end', () => buffer && onLine(buffer));
}
