import { DefaultLogger, Runtime } from '@temporalio/worker';

// Real servers answer in milliseconds but worker bundling and process start-up take seconds.
jest.setTimeout(180_000);

// The SDK logs every worker state change at INFO; tests only need warnings and errors.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed in this worker process by an earlier test file
}
