export { createMetricsRegistry, serveMetrics, scrape, LATENCY_BUCKETS } from './metrics';
export {
  startTracing,
  stopTracing,
  httpServerSpans,
  traceLogFields,
  type Tracing,
  type TracesExporter,
} from './tracing';
