import { ensureTemporalCli, ensureTestServer } from '../../../libs/devstack/src';

// `npm run tools` (and the first step of `npm test`): make sure the tools that cannot come from npm are in
// the ignored .tools folder: the Temporal CLI (built from Go) and Temporal's Java test server (from Maven).
const started = Date.now();
try {
  const cli = ensureTemporalCli();
  const testServer = ensureTestServer();
  console.log(
    `tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s: temporal=${cli} test-server=${testServer}`,
  );
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
