import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from '../../../libs/observability/src';

/** The workflow sandbox's tracing interceptors (see the module itself). */
export const workflowTracingModule = require.resolve('../../../workflows/src/tracing-interceptors');

/**
 * What the worker adds when tracing is on (OTEL_TRACES_EXPORTER): the workflow interceptors, an activity
 * interceptor whose span continues the context the workflow put in the activity's headers (activities and
 * local activities alike, so recordAction's SQL hangs under the Update that ran it), and the sink through which
 * the sandbox hands its spans to the process's span processor.
 */
export async function workerTracing(tracing: Tracing): Promise<{
  workflowModules: string[];
  activity: NonNullable<NonNullable<WorkerOptions['interceptors']>['activity']>;
  sinks: NonNullable<WorkerOptions['sinks']>;
}> {
  const otel = await import('@temporalio/interceptors-opentelemetry/lib/worker/index.js');
  return {
    workflowModules: [workflowTracingModule],
    activity: [
      (ctx) => ({
        inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx),
        outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx),
      }),
    ],
    sinks: { exporter: otel.makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
