import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  isSpanContextValid,
  propagation,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Where spans go (OTEL_TRACES_EXPORTER, checked by the configuration). */
export type TracesExporter = 'none' | 'console' | 'otlp';

/** The process's OpenTelemetry tracing, once started. */
export interface Tracing {
  tracer: Tracer;
  /** The service's resource (service.name…), also given to the spans the Temporal workflow sandbox makes. */
  resource: Resource;
  /** Every finished span goes through it: the process's own and those the workflow sandbox hands out. */
  spanProcessor: SpanProcessor;
  /** Flushes the spans still buffered, then stops (at the end of an orderly shutdown). */
  shutdown(): Promise<void>;
}

let started: Tracing | undefined;

/**
 * Starts OpenTelemetry tracing for this process, or nothing at all with `none` (the default: no provider, no
 * instrumentation, no network). Call it before the database is opened: it patches `pg` so that every query run
 * inside a traced operation (an HTTP request, an activity) is a child span. Query parameters are never recorded
 * (they carry personal data); the statement text is.
 */
export async function startTracing(
  service: 'api' | 'worker',
  exporter: TracesExporter,
): Promise<Tracing | undefined> {
  if (exporter === 'none') return undefined;
  if (started) return started;
  // Loaded only when tracing is on: a process that does not trace does not even load the SDK.
  const [
    { OTLPTraceExporter },
    { registerInstrumentations },
    { PgInstrumentation },
    { Resource },
    base,
    node,
  ] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-trace-node'),
  ]);
  const resource = Resource.default().merge(
    new Resource({
      'service.name': process.env.OTEL_SERVICE_NAME?.trim() || `jiuzhu-${service}`,
      'service.namespace': 'jiuzhu',
    }),
  ) as Resource; // merge() is typed as the interface; it returns a Resource

  // OTLP over HTTP (JSON) to OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT, batched (OTEL_BSP_* tune the batches);
  // console: each span printed as it ends, for a look on a developer's machine.
  const spanProcessor =
    exporter === 'otlp'
      ? new base.BatchSpanProcessor(new OTLPTraceExporter())
      : new base.SimpleSpanProcessor(new base.ConsoleSpanExporter());
  const provider = new node.NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register(); // AsyncLocalStorage context and the W3C trace-context propagator, process-wide
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false })],
  });
  const tracing: Tracing = {
    tracer: provider.getTracer(`jiuzhu-${service}`),
    resource,
    spanProcessor,
    shutdown: () => provider.shutdown(),
  };
  started = tracing;
  return tracing;
}

/** Flushes and stops the tracing startTracing started, if any (for shutdown hooks that do not hold it). */
export async function stopTracing(): Promise<void> {
  const tracing = started;
  started = undefined;
  await tracing?.shutdown().catch(() => undefined);
}

/**
 * Connect/Express middleware making one SERVER span per HTTP request, parent of everything the request does
 * (the Temporal client's spans, SQL). A `traceparent` header from the caller is honoured. Register it first.
 * `routeOf` names the matched route once the response is sent (e.g. `/cases/:caseId/:action`), so spans group
 * by route rather than by case id.
 */
export function httpServerSpans(tracer: Tracer, routeOf: (req: IncomingMessage) => string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const method = req.method ?? 'GET';
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': method, 'url.path': (req.url ?? '/').split('?')[0] },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    // The body arrives in later events of the request stream: bind them, or parsing would lose the context.
    context.bind(active, req);
    context.bind(active, res);
    let ended = false;
    const end = (aborted: boolean) => {
      if (ended) return;
      ended = true;
      const route = routeOf(req);
      span.updateName(`${method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (aborted) span.setStatus({ code: SpanStatusCode.ERROR, message: 'client closed the connection' });
      else if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', () => end(false));
    res.once('close', () => end(!res.writableFinished));
    context.with(active, next);
  };
}

/**
 * Log fields of the active span (`trace_id`, `span_id`, as the Temporal SDK's interceptors name them), so that
 * a log line leads to its trace; nothing outside a traced operation.
 */
export function traceLogFields(): Record<string, unknown> {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}
