import { ACTION_BODIES, application, tokenFor } from '../../../libs/devstack/chaos/case-requests';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';

/** After real traffic, the API's and the worker's /metrics show it in the Prometheus text format. */
describe('metrics: GET /metrics on the API and the worker', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;

  beforeAll(async () => {
    db = await createTestDatabase('metrics');
    system = await startSystem({ databaseUrl: db.url, taskQueue: `metrics-${Date.now()}` });
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
  });

  it('counts HTTP requests by route, Updates by action, activities, the outbox and the deadlines', async () => {
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
    const created = await call('/cases', application(1), { 'idempotency-key': `metrics-${Date.now()}` });
    expect(created.status).toBe(201);
    expect((await call(`/cases/${created.body.caseId}/accept`, ACTION_BODIES.accept)).status).toBe(200);
    expect((await call(`/cases/${created.body.caseId}/submit`, ACTION_BODIES.submit)).status).toBe(409);

    const api = await (await fetch(`${system.baseUrl}/metrics`)).text();
    expect(api).toMatch(
      /jiuzhu_http_request_duration_seconds_count\{[^}]*method="POST"[^}]*route="\/cases\/:caseId\/:action"[^}]*status="200"[^}]*\} 1/,
    );
    expect(api).toMatch(/jiuzhu_http_request_duration_seconds_count\{[^}]*route="\/cases"[^}]*status="201"/);
    expect(api).toMatch(
      /jiuzhu_case_update_duration_seconds_count\{[^}]*action="AcceptApplication"[^}]*outcome="completed"[^}]*\} 1/,
    );
    expect(api).toMatch(/jiuzhu_process_cpu_seconds_total/);

    const worker = await (await fetch(system.workerMetricsUrl)).text();
    expect(worker).toMatch(
      /jiuzhu_activity_duration_seconds_count\{[^}]*activity="recordAction"[^}]*outcome="ok"/,
    );
    expect(worker).toMatch(/jiuzhu_outbox_notifications\{[^}]*status="PENDING"[^}]*\} \d+/);
    expect(worker).toMatch(/jiuzhu_outbox_notifications\{[^}]*status="FAILED"[^}]*\} 0/);
    expect(worker).toMatch(/# TYPE jiuzhu_steps_overdue gauge/);
    expect(worker).toMatch(/# TYPE jiuzhu_steps_due_soon gauge/);
    // The Temporal SDK's own metrics, passed through from its Prometheus endpoint.
    expect(worker).toMatch(/^temporal_\w+/m);
  });
});
