import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { httpServerSpans, traceLogFields } from '../src';

/** The HTTP server span and the log fields, on an in-memory exporter (no process, no network). */
describe('tracing helpers', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  const tracer = provider.getTracer('test');
  afterEach(() => exporter.reset());
  afterAll(() => provider.shutdown());

  /** A request as Node's server hands it to the middleware, and its response. */
  const exchange = (method: string, url: string, headers: Record<string, string> = {}) => {
    const req = Object.assign(new EventEmitter(), { method, url, headers }) as unknown as IncomingMessage & {
      route?: { path: string };
    };
    const res = Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: false });
    return { req, res: res as unknown as ServerResponse & typeof res };
  };

  it('makes one SERVER span per request, named by its route, continuing the caller’s traceparent', () => {
    const middleware = httpServerSpans(
      tracer,
      (req) => (req as { route?: { path: string } }).route?.path ?? '(none)',
    );
    const { req, res } = exchange('POST', '/cases/JZ-1/accept?x=1', {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    let inside: Record<string, unknown> = {};
    middleware(req, res, () => {
      inside = traceLogFields();
    });
    req.route = { path: '/cases/:caseId/:action' };
    res.statusCode = 409;
    res.writableFinished = true;
    res.emit('finish');
    res.emit('close');

    const [span, ...more] = exporter.getFinishedSpans();
    expect(more).toEqual([]);
    expect(span!.name).toBe('POST /cases/:caseId/:action');
    expect(span!.kind).toBe(SpanKind.SERVER);
    expect(span!.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span!.parentSpanId).toBe('b7ad6b7169203331');
    expect(span!.attributes).toMatchObject({
      'http.request.method': 'POST',
      'url.path': '/cases/JZ-1/accept', // never the query string
      'http.route': '/cases/:caseId/:action',
      'http.response.status_code': 409,
    });
    expect(span!.status.code).toBe(SpanStatusCode.UNSET);
    // What runs inside the request (the handlers, their logs) sees its span.
    expect(inside).toEqual({
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      span_id: span!.spanContext().spanId,
    });
  });

  it('marks a 5xx and a connection the client closed as errors', () => {
    const middleware = httpServerSpans(tracer, () => '(no route)');
    const failed = exchange('GET', '/x');
    middleware(failed.req, failed.res, () => undefined);
    failed.res.statusCode = 500;
    failed.res.emit('finish');
    const aborted = exchange('GET', '/y');
    middleware(aborted.req, aborted.res, () => undefined);
    aborted.res.emit('close');
    expect(exporter.getFinishedSpans().map((s) => [s.name, s.status.code])).toEqual([
      ['GET (no route)', SpanStatusCode.ERROR],
      ['GET (no route)', SpanStatusCode.ERROR],
    ]);
  });

  it('adds no log fields outside a traced operation', () => {
    expect(traceLogFields()).toEqual({});
    const span = tracer.startSpan('work');
    expect(context.with(trace.setSpan(context.active(), span), traceLogFields)).toEqual({
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
    span.end();
  });
});
