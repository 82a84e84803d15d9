// Everything the worker registers as a workflow. Workflow code only: it runs in Temporal's deterministic
// sandbox, so no I/O and no imports of Node, database, calendar data or client/worker packages.
export { applicationWorkflow } from './application.workflow';
export { applicationWorkflowV2 } from './application-v2.workflow';
export { stackProbeWorkflow } from './probe.workflow';
