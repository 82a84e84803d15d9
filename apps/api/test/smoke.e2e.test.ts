import { Client } from 'pg';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { CASE_ACTIONS } from '../src/cases/case-actions';

// The chain every feature relies on: HTTP → API → Temporal → worker → activity → PostgreSQL → API.
describe('smoke: the whole chain over real processes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;

  beforeAll(async () => {
    db = await createTestDatabase('smoke');
    system = await startSystem({ databaseUrl: db.url, taskQueue: `smoke-${Date.now()}` });
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
  });

  it('reports liveness and readiness of PostgreSQL and Temporal', async () => {
    expect(await (await fetch(`${system.baseUrl}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${system.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { database: { status: string }; temporal: { status: string } };
    expect(body.database.status).toBe('up');
    expect(body.temporal.status).toBe('up');
  });

  it('starts a workflow whose activity writes to PostgreSQL, and reads the row back', async () => {
    const response = await fetch(`${system.baseUrl}/health/probe`, { method: 'POST' });
    expect(response.status).toBe(200);
    const probe = (await response.json()) as { probeId: string; workerIdentity: string; recordedAt: string };
    expect(probe.workerIdentity).toContain(system.taskQueue);

    // The row is really in the database the worker was given, not only in the API's answer.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const rows = await client.query('SELECT worker_identity, recorded_at FROM probe_runs WHERE id = $1', [
        probe.probeId,
      ]);
      expect(rows.rowCount).toBe(1);
      expect(rows.rows[0].worker_identity).toBe(probe.workerIdentity);
      expect(new Date(rows.rows[0].recorded_at).toISOString()).toBe(probe.recordedAt);
    } finally {
      await client.end();
    }
  });

  it('serves the OpenAPI document, with the request body schema of POST /cases and of every case action', async () => {
    type Operation = { requestBody?: { content: Record<string, { schema: { $ref: string } }> } };
    const doc = (await (await fetch(`${system.baseUrl}/docs/openapi.json`)).json()) as {
      paths: Record<string, { post?: Operation }>;
      components: { schemas: Record<string, { type: string; properties: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/health/probe']),
    );
    const bodySchema = (path: string) => {
      const ref = doc.paths[path]?.post?.requestBody?.content['application/json'].schema.$ref ?? '';
      return doc.components.schemas[ref.replace('#/components/schemas/', '')];
    };
    expect(bodySchema('/cases').properties).toHaveProperty('applicant');
    for (const [action, type] of Object.entries(CASE_ACTIONS)) {
      expect({ action, schema: bodySchema(`/cases/{caseId}/${action}`)?.type }).toEqual({
        action,
        schema: 'object',
      });
      expect(doc.components.schemas[`${type}Request`]).toBeDefined();
    }
    expect(bodySchema('/cases/{caseId}/investigation').properties).toHaveProperty('household');
  });
});
