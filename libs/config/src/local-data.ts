import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder where `npm start` keeps its local state (JIUZHU_DATA_DIR, else `.data/` at the repository root),
 * and what it leaves there for the commands run in a second terminal (`npm run token`, `npm run policy`), so
 * they need no variables on a developer's machine.
 */
export function localDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.JIUZHU_DATA_DIR || path.join(findRepoRoot(__dirname), '.data');
}

/** The launcher's signing secret (`<data>/jwt-secret`), if `npm start` has made one. */
export function localJwtSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return readTrimmed(path.join(localDataDir(env), 'jwt-secret'));
}

/** The URL of the launcher's embedded PostgreSQL (`<data>/database-url`), written while `npm start` runs. */
export function localDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return readTrimmed(path.join(localDataDir(env), 'database-url'));
}

function readTrimmed(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function findRepoRoot(from: string): string {
  // Source lives in libs/config/src, compiled code in dist/libs/config/src.
  const parts = from.split(path.sep);
  const libs = parts.lastIndexOf('libs');
  const root = parts.slice(0, libs).join(path.sep) || path.sep;
  return path.basename(root) === 'dist' ? path.dirname(root) : root;
}
