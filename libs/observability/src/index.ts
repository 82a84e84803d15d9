export { createMetricsRegistry, serveMetrics, scrape, LATENCY_BUCKETS } from './metrics';
export { startTracing, stopTracing, httpServerSpans, type Tracing, type TracesExporter } from './tracing';
