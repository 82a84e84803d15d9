import * as http from 'node:http';
import { Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, with the Node.js process metrics and a `service` label. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'jiuzhu_' });
  return registry;
}

/** Latency buckets (seconds) from a fast read to a slow Update under load. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * A small HTTP listener answering GET /metrics in the Prometheus text format: the registry, then whatever
 * `extra` returns (another exposition to pass through, e.g. the Temporal SDK's own metrics).
 */
export async function serveMetrics(options: {
  registry: Registry;
  port: number;
  host: string;
  extra?: () => Promise<string>;
}): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics\n');
      return;
    }
    void (async () => {
      try {
        const own = await options.registry.metrics();
        const extra = options.extra ? await options.extra().catch(() => '') : '';
        res.writeHead(200, { 'content-type': options.registry.contentType }).end(own + extra);
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as { port: number };
  return {
    url: `http://${options.host}:${address.port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The text of another Prometheus endpoint (empty if it does not answer within a second). */
export async function scrape(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
  return res.ok ? await res.text() : '';
}
