// The Temporal SDK's OpenTelemetry workflow interceptors: a span for the workflow run, for each Update (its
// validator and handler) and for each activity and local activity it schedules, whose context travels to
// the activity in its headers. Bundled into the workflow sandbox only when tracing is on (the worker lists this
// module in `interceptors.workflowModules`); they add no command to the history, so a workflow replays the same
// with tracing on or off. Their spans leave the sandbox through the worker's `exporter` sink.
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new OpenTelemetryInboundInterceptor()],
  outbound: [new OpenTelemetryOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
