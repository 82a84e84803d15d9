import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { testEnvironment } from '../../libs/devstack/test/stack';
import { statutoryWaitWorkflow } from './fixtures/statutory-wait.workflow';

// Temporal's Java test server, launched from the tools folder (no binary download), skips workflow time.
describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testEnvironment().testServerPath } },
    });
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a 14-day wait in well under a minute of wall time', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'time-skipping',
      workflowsPath: require.resolve('./fixtures/statutory-wait.workflow'),
    });
    const wallStart = Date.now();
    const workflowStart = await env.currentTimeMs();
    const result = await worker.runUntil(
      env.client.workflow.execute(statutoryWaitWorkflow, {
        taskQueue: 'time-skipping',
        workflowId: 'wait-14d',
        args: [14],
      }),
    );
    expect(result).toBe('waited');
    expect((await env.currentTimeMs()) - workflowStart).toBeGreaterThanOrEqual(14 * 24 * 3600 * 1000);
    expect(Date.now() - wallStart).toBeLessThan(60_000);
  });
});
