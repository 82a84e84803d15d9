// Everything the worker registers as a workflow. Workflow code only: it runs in Temporal's deterministic
// sandbox, so no I/O and no imports of Node, database, calendar data or client/worker packages.
export { applicationWorkflow } from './application.workflow';
export { stackProbeWorkflow } from './probe.workflow';
