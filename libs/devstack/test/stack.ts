import type { RunningPostgres, RunningTemporal } from '../src';

/** What the global set-up started, kept for the teardown. */
export interface TestStack {
  postgres: RunningPostgres;
  temporal: RunningTemporal;
  pgDir: string;
}

/** The provisioned stack as the test files see it (through the environment the set-up exported). */
export function testEnvironment() {
  const { DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TEST_SERVER_PATH } = process.env;
  if (!DATABASE_URL || !TEMPORAL_ADDRESS || !TEMPORAL_NAMESPACE || !TEMPORAL_TEST_SERVER_PATH) {
    throw new Error('The test stack is not provisioned: run integration/e2e tests through jest (npm test).');
  }
  return {
    databaseUrl: DATABASE_URL,
    temporalAddress: TEMPORAL_ADDRESS,
    namespace: TEMPORAL_NAMESPACE,
    testServerPath: TEMPORAL_TEST_SERVER_PATH,
  };
}
