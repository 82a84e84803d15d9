import * as http from 'node:http';
import { ACTION_BODIES, application, tokenFor } from '../../../libs/devstack/chaos/case-requests';
import { freePort, waitFor } from '../../../libs/devstack/src';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';

/** One span as the OTLP/HTTP JSON exporter sends it, with the service that sent it. */
interface CollectedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** A tiny OTLP/HTTP collector on a loopback port: keeps every span the API and the worker export. */
async function startCollector() {
  const spans: CollectedSpan[] = [];
  type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
  type KeyValue = { key: string; value: AnyValue };
  const valueOf = (v: AnyValue) => v.stringValue ?? v.intValue ?? v.boolValue;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: Array<{
            resource: { attributes: KeyValue[] };
            scopeSpans: Array<{
              spans: Array<Omit<CollectedSpan, 'service' | 'attributes'> & { attributes?: KeyValue[] }>;
            }>;
          }>;
        };
        for (const rs of body.resourceSpans) {
          const service = String(
            valueOf(rs.resource.attributes.find((a) => a.key === 'service.name')?.value ?? {}),
          );
          for (const ss of rs.scopeSpans) {
            for (const s of ss.spans) {
              spans.push({
                service,
                traceId: s.traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId || undefined,
                name: s.name,
                attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, valueOf(a.value)])),
              });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * OpenTelemetry traces from the HTTP request through the workflow Update to the (local) activity and its SQL:
 * the compiled API and worker as real processes with OTEL_TRACES_EXPORTER=otlp, exporting to a collector of
 * the test's own.
 */
describe('tracing: one trace from HTTP through the Update to the activity and the SQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let system: RunningSystem;

  beforeAll(async () => {
    collector = await startCollector();
    db = await createTestDatabase('tracing');
    system = await startSystem({
      databaseUrl: db.url,
      taskQueue: `tracing-${Date.now()}`,
      env: {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
    await collector?.close();
  });

  const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${system.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor('caseworker', process.env.JWT_SECRET!)}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { caseId: string } };
  };

  /**
   * The spans of one trace once `complete` holds for them (each process exports in its own batches, the
   * workflow's spans when its activation completes), or as they are after 30 s, for the assertions to show.
   */
  const traceOf = async (traceId: string, complete: (spans: CollectedSpan[]) => boolean) => {
    const spans = () => collector.spans.filter((s) => s.traceId === traceId);
    await waitFor(`the spans of trace ${traceId}`, async () => complete(spans()), 30_000).catch(
      () => undefined,
    );
    return spans();
  };

  /** The chain of span names and services from `span` up to the root of its trace. */
  const ancestry = (spans: CollectedSpan[], span: CollectedSpan) => {
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const chain: string[] = [];
    for (
      let s: CollectedSpan | undefined = span;
      s;
      s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined
    ) {
      chain.push(`${s.service} ${s.name}`);
      // A parent not collected: the caller's span (its traceparent header), or a span still open.
      if (s.parentSpanId && !byId.has(s.parentSpanId)) chain.push(`caller ${s.parentSpanId}`);
    }
    return chain.reverse();
  };

  /** A caller's trace context (W3C traceparent), which the API's server span continues. */
  const traceparent = (n: number) => {
    const traceId = `${Date.now().toString(16).padStart(16, '0')}${n.toString(16).padStart(16, '0')}`;
    const spanId = n.toString(16).padStart(16, '0');
    return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
  };

  it('follows an action from the API through the Update, its local activities and their SQL', async () => {
    const create = traceparent(1);
    const created = await call('/cases', application(1), {
      'idempotency-key': `tracing-${Date.now()}`,
      traceparent: create.header,
    });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId;
    const accept = await call(`/cases/${caseId}/accept`, ACTION_BODIES.accept);
    expect(accept.status).toBe(200);
    const investigate = traceparent(2);
    const investigated = await call(`/cases/${caseId}/investigation`, ACTION_BODIES.investigation, {
      traceparent: investigate.header,
    });
    expect(investigated.status).toBe(200);

    // The investigation: HTTP → Update (client) → Update handler (workflow) → local activities → SQL.
    const sql = (spans: CollectedSpan[], activity: string) =>
      spans.find(
        (s) =>
          s.name.startsWith('pg.query') &&
          spans.some((p) => p.spanId === s.parentSpanId && p.name === `RunActivity:${activity}`),
      );
    const reachesCaller = (spans: CollectedSpan[], activity: string, caller: string) => {
      const query = sql(spans, activity);
      return !!query && ancestry(spans, query)[0] === `caller ${caller}`;
    };
    const spans = await traceOf(investigate.traceId, (s) =>
      ['assessEligibility', 'recordAction'].every((a) => reachesCaller(s, a, investigate.spanId)),
    );
    const route = 'jiuzhu-api POST /cases/:caseId/:action';
    for (const activity of ['assessEligibility', 'recordAction']) {
      const chain = ancestry(spans, sql(spans, activity)!);
      expect(chain).toEqual([
        `caller ${investigate.spanId}`,
        route,
        expect.stringMatching(/^jiuzhu-api StartWorkflowUpdate:/),
        expect.stringMatching(/^jiuzhu-worker HandleUpdate:/),
        `jiuzhu-worker StartActivity:${activity}`,
        `jiuzhu-worker RunActivity:${activity}`,
        expect.stringMatching(/^jiuzhu-worker pg\.query/),
      ]);
    }
    const server = spans.find((s) => s.name === 'POST /cases/:caseId/:action')!;
    expect(server.attributes).toMatchObject({
      'http.route': '/cases/:caseId/:action',
      'http.response.status_code': 200,
    });
    // Statements, never their parameters (personal data).
    for (const s of spans.filter((x) => x.name.startsWith('pg.'))) {
      expect(Object.keys(s.attributes)).not.toContain('db.postgresql.values');
    }

    // The application: HTTP → workflow start with its `submitted` Update (Update-with-Start), and in the same
    // trace the run's recordAction (the local activity that records the submission) with its SQL. The run's
    // own span ends when the case does, so it is not exported yet.
    const createSpans = await traceOf(create.traceId, (s) => {
      const query = sql(s, 'recordAction');
      return (
        !!query &&
        ancestry(s, query).length === 4 &&
        s.some((x) => x.name.startsWith('UpdateWithStartWorkflow:'))
      );
    });
    const start = createSpans.find((s) => s.name.startsWith('UpdateWithStartWorkflow:'))!;
    expect(ancestry(createSpans, start)).toEqual([
      `caller ${create.spanId}`,
      'jiuzhu-api POST /cases',
      'jiuzhu-api UpdateWithStartWorkflow:submitted',
    ]);
    // The API handed the policy version over with the start: the run loads none itself.
    expect(createSpans.map((s) => s.name)).not.toContain('RunActivity:loadPolicy');
    expect(ancestry(createSpans, sql(createSpans, 'recordAction')!).slice(1)).toEqual([
      'jiuzhu-worker StartActivity:recordAction',
      'jiuzhu-worker RunActivity:recordAction',
      expect.stringMatching(/^jiuzhu-worker pg\.query/),
    ]);
  });
});
