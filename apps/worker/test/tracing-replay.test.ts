import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/worker';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '../../../workflows/test/support/history-json';
import { workflowTracingModule } from '../src/tracing';

/**
 * Tracing can be turned on for running cases: every committed history (recorded without tracing) replays
 * without a determinism error with the OpenTelemetry workflow interceptors bundled in, as the worker runs them
 * with OTEL_TRACES_EXPORTER set.
 */
describe('workflow replay with the tracing interceptors', () => {
  const dir = join(__dirname, '..', '..', '..', 'workflows', 'test', 'histories');
  const histories = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      workflowId: file,
      history: historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8'))),
    }));

  it('replays every recorded history without a determinism error', async () => {
    expect(histories.length).toBeGreaterThan(3);
    const options = {
      workflowsPath: require.resolve('../../../workflows/src'),
      replayName: 'jiuzhu-tracing-replay',
      interceptors: { workflowModules: [workflowTracingModule] },
      sinks: {
        exporter: makeWorkflowExporter(
          new SimpleSpanProcessor(new InMemorySpanExporter()),
          new Resource({ 'service.name': 'replay' }),
        ),
      },
    };
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(options, histories)) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  }, 120_000);
});
