export { createMetricsRegistry, serveMetrics, scrape, LATENCY_BUCKETS } from './metrics';
