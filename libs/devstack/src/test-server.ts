import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, toolsDir } from './paths';

const serverDir = path.join(toolsDir, 'test-server');
const libDir = path.join(serverDir, 'lib');
const launcher = path.join(serverDir, 'temporal-test-server');
const pom = path.join(repoRoot, 'libs', 'devstack', 'java', 'pom.xml');
const stampFile = path.join(serverDir, 'pom.sha256');

/**
 * Temporal's Java time-skipping test server, resolved from Maven Central into the tools folder, behind a
 * launcher script that TestWorkflowEnvironment.createTimeSkipping runs as an `existing-path` executable
 * (it passes `<port> --enable-time-skipping`). The SDK's default would download a binary at run time,
 * which this kind of machine cannot do.
 */
export function ensureTestServer(log: (msg: string) => void = console.log): string {
  // The stamp is the pom's hash: changing the pinned version (or adding a jar) fetches again.
  const stamp = createHash('sha256').update(fs.readFileSync(pom)).digest('hex');
  if (fs.existsSync(launcher) && readIfExists(stampFile) === stamp) return launcher;
  for (const tool of ['java', 'mvn']) {
    if (spawnSync(tool, ['-version']).error) {
      throw new Error(
        `${tool} is missing: the time-skipping tests need Java 17+ and Maven to fetch Temporal's test server.`,
      );
    }
  }
  log(`Fetching Temporal's Java test server from Maven Central into ${libDir}...`);
  fs.rmSync(libDir, { recursive: true, force: true });
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      pom,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libDir}`,
    ],
    {
      stdio: 'inherit',
    },
  );
  // exec, so that when the SDK kills the launcher it kills the JVM itself. C1-only JIT and the serial GC
  // bring start-up well inside the SDK's 5-second connect window on a busy 2-core machine.
  fs.writeFileSync(
    launcher,
    `#!/bin/sh\nexec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -cp "${libDir}/*" io.temporal.testserver.TestServer "$@"\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(stampFile, stamp);
  log('Temporal test server ready.');
  return launcher;
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}
