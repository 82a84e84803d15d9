import * as path from 'node:path';
import { localDataDir } from '../../config/src';

// Every path the local stack uses hangs off the repository root, so the launcher, the test set-up and the
// compiled copies under dist/ agree. The two folders are git-ignored.
export const repoRoot = findRepoRoot(__dirname);
export const toolsDir = path.join(repoRoot, '.tools');
/** Where `npm start` keeps its databases; JIUZHU_DATA_DIR moves it (the launcher's own test uses a temp folder). */
export const dataDir = localDataDir();

function findRepoRoot(from: string): string {
  // Source lives in libs/devstack/src, compiled code in dist/libs/devstack/src.
  const parts = from.split(path.sep);
  const libs = parts.lastIndexOf('libs');
  const root = parts.slice(0, libs).join(path.sep) || path.sep;
  return path.basename(root) === 'dist' ? path.dirname(root) : root;
}
