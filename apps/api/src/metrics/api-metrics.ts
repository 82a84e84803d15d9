import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, createMetricsRegistry } from '../../../../libs/observability/src';

/** The route pattern a request matched (e.g. `/cases/:caseId/:action`), once routed; `(no route)` before. */
export function routeOf(req: IncomingMessage): string {
  const { route, baseUrl } = req as Request;
  const path = (route as { path?: string } | undefined)?.path;
  return path ? `${baseUrl}${path}` : '(no route)';
}

/** The API's Prometheus metrics (served at GET /metrics): HTTP latency by route, Update latency by action. */
export class ApiMetrics {
  readonly registry: Registry = createMetricsRegistry('api');

  readonly http = new Histogram({
    name: 'jiuzhu_http_request_duration_seconds',
    help: 'HTTP requests of the API by method, route (the pattern, e.g. /cases/:caseId/:action) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly update = new Histogram({
    name: 'jiuzhu_case_update_duration_seconds',
    help: 'Workflow Updates sent for case actions, by command and outcome (completed, rejected by the decider, error)',
    labelNames: ['action', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /** Express middleware timing every request (registered first, so refused bodies are timed too). */
  readonly httpMiddleware = (req: Request, res: Response, next: NextFunction) => {
    const end = this.http.startTimer({ method: req.method });
    res.once('finish', () => end({ route: routeOf(req), status: res.statusCode }));
    next();
  };

  /** Temporal client interceptor timing each Update from the request to its outcome. */
  readonly updateInterceptor: WorkflowClientInterceptor = {
    startUpdate: async (input, next) => {
      const request = input.args[0] as { type?: unknown } | undefined;
      const end = this.update.startTimer({
        action: typeof request?.type === 'string' ? request.type : input.updateName,
      });
      try {
        const output = await next(input);
        end({ outcome: output.outcome?.failure ? 'rejected' : 'completed' });
        return output;
      } catch (err) {
        end({ outcome: 'error' });
        throw err;
      }
    },
  };
}
