import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { launchChromium } from '../../../libs/devstack/test/chromium';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { startTimeSkippingServer } from '../../../libs/devstack/test/time-skipping';
import { repoRoot } from '../../../libs/devstack/src';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { signToken, type Actor } from '../src/auth/jwt';

const TOWNS = ['会城街道', '司前镇'] as const;
const people: Record<string, Actor> = {
  cwA: { id: 'cw-li', name: '李敏', role: 'CASEWORKER', town: TOWNS[0] },
  cwB: { id: 'cw-chen', name: '陈洁', role: 'CASEWORKER', town: TOWNS[1] },
  supervisor: { id: 'sv-lin', name: '林督查', role: 'SUPERVISOR' },
  leader: { id: 'dl-wu', name: '吴区长', role: 'DISTRICT_LEADER' },
};

/**
 * 督查督办 over HTTP and in the browser: the compiled API and worker on Temporal's time-skipping server.
 * Three applications are registered in two towns, one is accepted, then a month passes in milliseconds:
 * the steps fall overdue, the workflows issue 催办, and the supervisor sees it all: the JSON and CSV
 * lists, and the dashboard page in headless Chromium (Debian's, driven by playwright-core).
 */
describe('supervision: API and dashboard', () => {
  let env: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  let asOf: string;
  const caseIds: string[] = [];
  const token = (who: keyof typeof people) => signToken(people[who]!, process.env.JWT_SECRET!);
  const call = async (
    who: keyof typeof people | null,
    method: string,
    url: string,
    body?: unknown,
    headers = {},
  ) => {
    const res = await fetch(`${system.baseUrl}${url}`, {
      method,
      headers: {
        ...(who ? { authorization: `Bearer ${await token(who)}` } : {}),
        'content-type': 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // Buffer keeps a byte-order mark that fetch's text() would silently drop.
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    return {
      status: res.status,
      headers: res.headers,
      text,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
      body: text.startsWith('{') ? (JSON.parse(text) as any) : null,
    };
  };
  const get = (who: keyof typeof people | null, url: string, headers = {}) =>
    call(who, 'GET', url, undefined, headers);
  const q = (url: string) => `${url}${url.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(asOf)}`;

  beforeAll(async () => {
    env = await startTimeSkippingServer();
    db = await createTestDatabase('supervision_e2e');
    system = await startSystem({
      databaseUrl: db.url,
      taskQueue: `supervision-${Date.now()}`,
      temporal: { address: env.address, namespace: env.namespace ?? 'default' },
    });
    const apply = (who: 'cwA' | 'cwB', town: string, name: string) =>
      call(
        who,
        'POST',
        '/cases',
        {
          category: 'ILLNESS_POVERTY',
          town,
          applicationDate: '2019-03-01',
          applicant: { name, householdSize: 3, personRef: `P-${randomUUID()}` },
        },
        { 'idempotency-key': randomUUID() },
      );
    for (const [who, town, name] of [
      ['cwA', TOWNS[0], '陈阿姨'],
      ['cwA', TOWNS[0], '黄伯'],
      ['cwB', TOWNS[1], '梁姐'],
    ] as const) {
      const res = await apply(who, town, name);
      expect(res.status).toBe(201);
      caseIds.push(res.body.caseId);
    }
    expect((await call('cwA', 'POST', `/cases/${caseIds[0]}/accept`, {})).status).toBe(200);
    // A month passes: acceptance and investigation deadlines run out, overdue reminders become 催办.
    await env.sleep('30 days');
    asOf = new Date(await env.currentTimeMs()).toISOString();
    // The worker projects what the workflows did; wait until the overdue list shows all three.
    for (let i = 0; i < 100; i++) {
      const res = await get('supervisor', q('/supervision/overdue'));
      if (res.status === 200 && res.body.items.length === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await system?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('lists the overdue steps of every town for supervisors, read-only, and no one else', async () => {
    const res = await get('supervisor', q('/supervision/overdue'));
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(3);
    expect(new Set(res.body.items.map((i: { town: string }) => i.town))).toEqual(new Set(TOWNS));
    expect(res.body.items.map((i: { step: string }) => i.step).sort()).toEqual([
      'ACCEPTANCE',
      'ACCEPTANCE',
      'INVESTIGATION',
    ]);
    for (const item of res.body.items) expect(item.daysOverdue).toBeGreaterThan(0);
    const dues = res.body.items.map((i: { effectiveDueAt: string }) => i.effectiveDueAt);
    expect([...dues].sort()).toEqual(dues);

    const town = await get('leader', q(`/supervision/overdue?town=${encodeURIComponent(TOWNS[1])}`));
    expect(town.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseIds[2]]);
    const paged = await get('supervisor', q('/supervision/overdue?limit=2'));
    expect(paged.body.items).toHaveLength(2);
    const rest = await get('supervisor', q(`/supervision/overdue?limit=2&cursor=${paged.body.nextCursor}`));
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();

    expect((await get('cwA', '/supervision/overdue')).status).toBe(403);
    expect((await get(null, '/supervision/overdue')).status).toBe(401);
    const bad = await get('supervisor', '/supervision/overdue?step=NOPE');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_DATA', field: 'step' });
    expect((await get('supervisor', '/supervision/overdue?asOf=yesterday')).body.error.field).toBe('asOf');
    expect((await get('supervisor', '/supervision/overdue?cursor=xyz')).body.error.field).toBe('cursor');
    for (const url of ['/supervision/overdue?format=xlsx', '/supervision/verifications?format=pdf']) {
      const res = await get('supervisor', url);
      expect({ url, status: res.status, error: res.body.error }).toMatchObject({
        url,
        status: 422,
        error: { code: 'INVALID_DATA', field: 'format', messageEn: expect.stringContaining('csv or json') },
      });
    }
    // Against the server clock (which the time-skipping server has left behind) nothing is overdue yet.
    expect((await get('supervisor', '/supervision/overdue')).body.items).toHaveLength(0);
  });

  it('exports each list as CSV that Excel reads as UTF-8', async () => {
    const csv = await get('supervisor', q('/supervision/overdue?format=csv'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toContain('overdue.csv');
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('案件编号 caseId');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).some((l) => l.includes('会城街道') && l.includes('申请受理'))).toBe(true);
    const byAccept = await get('supervisor', q('/supervision/counts?by=town'), { accept: 'text/csv' });
    expect(byAccept.text.charCodeAt(0)).toBe(0xfeff);
    expect(byAccept.text).toContain('司前镇');
    for (const url of [
      '/supervision/urges',
      '/supervision/flagged',
      '/supervision/board',
      `/supervision/cases/${caseIds[0]}/timeline`,
    ]) {
      const res = await get('supervisor', q(`${url}?format=csv`));
      expect({ url, status: res.status, bom: res.text.charCodeAt(0) }).toEqual({
        url,
        status: 200,
        bom: 0xfeff,
      });
    }
  });

  it('counts open and overdue steps by town and step, completions and on-time rates by month, and 催办', async () => {
    const byTown = await get('supervisor', q('/supervision/counts?by=town'));
    expect(byTown.status).toBe(200);
    const rows = Object.fromEntries(byTown.body.rows.map((r: { key: string }) => [r.key, r]));
    expect(rows[TOWNS[0]]).toMatchObject({
      open: 2,
      overdue: 2,
      completed: 1,
      onTime: 1,
      late: 0,
      onTimeRate: 1,
    });
    expect(rows[TOWNS[1]]).toMatchObject({ open: 1, overdue: 1, completed: 0 });
    const byStep = await get('supervisor', q('/supervision/counts?by=step'));
    expect(byStep.body.rows.find((r: { key: string }) => r.key === 'ACCEPTANCE')).toMatchObject({
      open: 2,
      overdue: 2,
      completed: 1,
    });
    const byMonth = await get('supervisor', q('/supervision/counts?by=month'));
    expect(byMonth.body.rows).toHaveLength(1);
    expect(byMonth.body.rows[0]).toMatchObject({ open: null, completed: 1, onTimeRate: 1 });
    expect((await get('supervisor', q('/supervision/counts?by=planet'))).status).toBe(422);

    const board = await get('supervisor', q('/supervision/board'));
    expect(board.body.cells).toEqual(
      expect.arrayContaining([
        // Issue 12: acceptance's period is the bureau's parameter (Art. 15(1) sets none); the investigation's is statutory.
        { town: TOWNS[0], step: 'ACCEPTANCE', overdue: 1, statutory: false },
        { town: TOWNS[0], step: 'INVESTIGATION', overdue: 1, statutory: true },
        { town: TOWNS[1], step: 'ACCEPTANCE', overdue: 1, statutory: false },
      ]),
    );

    const urges = await get('supervisor', q('/supervision/urges'));
    expect(urges.status).toBe(200);
    // Every overdue step has been urged; whoever holds three or more is on the flagged list.
    const urged = urges.body.people.reduce((n: number, p: { openUrges: number }) => n + p.openUrges, 0);
    expect(urged).toBeGreaterThanOrEqual(3);
    for (const f of urges.body.flagged) expect(f.urgeCount).toBeGreaterThanOrEqual(f.threshold);
  });

  it("shows a case's timeline, statutory against actual dates", async () => {
    const res = await get('supervisor', q(`/supervision/cases/${caseIds[0]}/timeline`));
    expect(res.status).toBe(200);
    expect(res.body.case).toMatchObject({ caseId: caseIds[0], town: TOWNS[0], currentStep: 'INVESTIGATION' });
    expect(res.body.steps.map((s: { step: string }) => s.step)).toEqual(['ACCEPTANCE', 'INVESTIGATION']);
    expect(res.body.steps[0]).toMatchObject({ onTime: true, overdue: null, stepZh: '申请受理' });
    expect(res.body.steps[1]).toMatchObject({ completedAt: null, overdue: true });
    expect(res.body.steps[1].statutoryDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await get('supervisor', '/supervision/cases/NO-SUCH/timeline')).status).toBe(404);
  });

  it('serves the dashboard: board, chart, flagged list and a drill-down to a case timeline (headless Chromium)', async () => {
    const { browser, close } = await launchChromium();
    try {
      const page = await browser.newPage();
      const failures: string[] = [];
      page.on('pageerror', (err) => failures.push(err.message));
      page.on('requestfailed', (req) => failures.push(`${req.url()} ${req.failure()?.errorText}`));
      const html = await page.goto(`${system.baseUrl}/supervision/dashboard`);
      expect(html?.status()).toBe(200);
      await page.fill('#token', await token('supervisor'));
      await page.fill('#asOf', asOf);
      await page.click('#connect');
      await page.waitForSelector('body[data-loaded="true"]');

      // Board: town × step with the overdue counts.
      const cell = (town: string, step: string) =>
        page.locator(`#board td[data-town="${town}"][data-step="${step}"]`);
      expect(await cell(TOWNS[0], 'ACCEPTANCE').textContent()).toBe('1');
      expect(await cell(TOWNS[0], 'INVESTIGATION').textContent()).toBe('1');
      expect(await cell(TOWNS[1], 'ACCEPTANCE').textContent()).toBe('1');
      expect(await cell(TOWNS[1], 'INVESTIGATION').textContent()).toBe('0');
      expect(await page.textContent('#board-total')).toContain('3');
      // Chart: one month with a completed step, on time.
      expect(await page.locator('#rate-chart rect.bar').count()).toBe(1);
      expect(await page.textContent('#chart')).toContain('100%');
      // 催办 and the people flagged at three: only the statutory deadline (the investigation) is urged; the
      // two acceptances are overdue on the bureau's own parameter and shown so on the board (issue 12).
      expect(await page.locator('#flagged tr.flagged-row').count()).toBe(1);
      expect(await page.textContent('#people')).toContain('cw-li');
      expect(await cell(TOWNS[0], 'ACCEPTANCE').getAttribute('data-param')).toBe('1');
      expect(await cell(TOWNS[0], 'INVESTIGATION').getAttribute('data-param')).toBeNull();
      // The overdue list; a click on a board cell narrows it to that town and step.
      expect(await page.locator('#overdue tr.overdue-row').count()).toBe(3);
      await cell(TOWNS[1], 'ACCEPTANCE').click();
      await page.waitForFunction("document.querySelectorAll('#overdue tr.overdue-row').length === 1");
      expect(await page.textContent('#overdue')).toContain(caseIds[2]);
      await page.locator(`#board td[data-town="${TOWNS[0]}"]:not([data-step])`).click();
      await page.waitForFunction("document.querySelectorAll('#overdue tr.overdue-row').length === 2");

      // Drill down to a case's timeline.
      await page.click(`#overdue a.case[data-case="${caseIds[0]}"]`);
      await page.waitForSelector('#timeline tr.timeline-row');
      expect(await page.textContent('#timeline-case')).toBe(caseIds[0]);
      expect(await page.locator('#timeline tr.timeline-row').count()).toBe(2);
      expect(await page.textContent('#timeline')).toContain('按时 on time');
      expect(await page.textContent('#timeline')).toContain('在办·超期');

      // Nothing is due soon a month on; half a day before the acceptances fell due, they were.
      expect(await page.textContent('#due-soon')).toContain('Nothing falls due');
      const overdueNow = await get('supervisor', q('/supervision/overdue'));
      const acceptance = overdueNow.body.items.find(
        (i: { caseId: string; step: string }) => i.caseId === caseIds[2] && i.step === 'ACCEPTANCE',
      );
      await page.fill(
        '#asOf',
        new Date(Date.parse(acceptance.effectiveDueAt) - 12 * 3_600_000).toISOString(),
      );
      await page.click('#connect');
      await page.waitForFunction("document.querySelectorAll('#due-soon tr.due-soon-row').length > 0");
      expect(await page.textContent('#due-soon')).toContain(caseIds[2]);
      expect(await page.textContent('#due-soon')).toContain('申请受理');

      const dir = path.join(repoRoot, '.test-artifacts');
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, 'dashboard.png'), fullPage: true });
      expect(failures).toEqual([]);

      // A caseworker's token gets the API's refusal on the page, not data.
      const stranger = await browser.newPage();
      await stranger.goto(`${system.baseUrl}/supervision/dashboard`);
      await stranger.fill('#token', await token('cwA'));
      await stranger.click('#connect');
      await stranger.waitForSelector('#error:not(:empty)');
      expect(await stranger.textContent('#error')).toContain('SUPERVISOR');
    } finally {
      await close();
    }
  });
});
