import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { signToken } from '../src/auth/jwt';

/** The rules previews over HTTP on the compiled API: they decide and explain, and change nothing. */
describe('POST /rules/preview and /rules/preview/eligibility', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  const example = (name: string) =>
    JSON.parse(readFileSync(join(__dirname, '../../../libs/rules/examples', name), 'utf8')) as Record<
      string,
      unknown
    >;
  const post = async (path: string, body: unknown) => {
    const token = await signToken(
      { id: 'dr-zhao', name: '赵强', role: 'DISTRICT_REVIEWER' },
      process.env.JWT_SECRET!,
    );
    const res = await fetch(`${system.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads several JSON shapes
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    db = await createTestDatabase('rules_preview');
    system = await startSystem({ databaseUrl: db.url, taskQueue: `rules-preview-${Date.now()}` });
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
  });

  it('decides eligibility with each criterion and its article', async () => {
    const res = await post('/rules/preview/eligibility', example('eligibility-illness-poverty.json'));
    expect(res.status).toBe(200);
    expect(res.body.eligible).toBe(true);
    const burden = res.body.criteria.find((c: { id: string }) => c.id === 'BURDEN');
    expect(burden).toMatchObject({ passed: true, article: expect.stringContaining('Art. 5') });
  });

  it('refuses bad eligibility input with a 422 naming the field', async () => {
    const input = { ...example('eligibility-illness-poverty.json'), householdDisposableIncome12m: 36000 };
    const res = await post('/rules/preview/eligibility', input);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'MONEY_NOT_STRING', field: 'householdDisposableIncome12m' });
    expect(res.body.error.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('still previews a calculation, now with the Art. 12 limit instead of an error', async () => {
    expect((await post('/rules/preview', example('calculate-dibao.json'))).body.total).toBe('13520.00');
    const child = example('calculate-child.json');
    const bills = child.bills as Record<string, unknown>[];
    // Insurance paid 145,000 of the 150,000 limited cost: the 30,000 share is limited to the 5,000 left.
    bills[0] = { ...bills[0], reimbursements: { basicInsurance: '145000.00' } };
    const res = await post('/rules/preview', child);
    expect(res.status).toBe(200);
    expect(res.body.components.childSpecialDisease).toBe('5000.00');
  });
});
