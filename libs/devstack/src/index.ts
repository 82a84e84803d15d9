export { repoRoot, toolsDir, dataDir } from './paths';
export { startProcess, type ManagedProcess } from './process';
export { freePort, canConnect, waitFor } from './ports';
export { ensureTemporalCli, startTemporalDevServer, type RunningTemporal } from './temporal-cli';
export { ensureTestServer } from './test-server';
export { startEmbeddedPostgres, type RunningPostgres } from './postgres';
