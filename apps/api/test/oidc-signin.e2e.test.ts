import { randomUUID } from 'node:crypto';
import { freePort } from '../../../libs/devstack/src';
import {
  SHORT_LIVED_CLIENT,
  startTestProvider,
  type TestAccount,
  type TestProvider,
} from '../../../libs/devstack/test/oidc-provider';
import { launchChromium } from '../../../libs/devstack/test/chromium';
import { startSystem, type RunningSystem } from '../../../libs/devstack/test/system';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { signToken } from '../src/auth/jwt';

const AUDIENCE = 'urn:jiuzhu:api';
const TOWN = '会城街道';
const accounts: TestAccount[] = [
  { username: 'cw-li', name: '李敏', roles: ['CASEWORKER'], town: TOWN },
  { username: 'cw-notown', name: '王新', roles: ['CASEWORKER'] },
  { username: 'sv-lin', name: '林督查', roles: ['SUPERVISOR'] },
  { username: 'visitor', name: '访客', roles: [] },
];

/**
 * The API as a resource server of a real OpenID provider (oidc-provider, in this process, on a free port):
 * tokens come from its authorization-code flow with PKCE; the API reads its discovery document and JWKS.
 * Every refused token gets the one error shape, and nothing changes.
 */
describe('sign-in through the OpenID provider', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let system: RunningSystem;
  let op: TestProvider;
  let otherOp: TestProvider;

  const call = async (token: string | null, method: string, url: string, body?: unknown) => {
    const res = await fetch(`${system.baseUrl}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
    return { status: res.status, body: (await res.json()) as any };
  };
  const application = {
    category: 'ILLNESS_POVERTY',
    town: TOWN,
    applicationDate: '2019-03-01',
    applicant: { name: '陈阿姨', householdSize: 3, personRef: 'P-440705-0042' },
  };
  const caseCount = async () => {
    const res = await call(await op.signIn('sv-lin'), 'GET', '/cases?limit=500');
    expect(res.status).toBe(200);
    return res.body.items.length as number;
  };

  beforeAll(async () => {
    db = await createTestDatabase('oidc_e2e');
    const opPort = await freePort();
    system = await startSystem({
      databaseUrl: db.url,
      taskQueue: `oidc-${Date.now()}`,
      env: {
        JWT_SECRET: undefined,
        OIDC_ISSUER: `http://127.0.0.1:${opPort}`,
        OIDC_AUDIENCE: AUDIENCE,
        OIDC_STAFF_ID_CLAIM: 'preferred_username',
        // Exact expiry and an immediate JWKS refetch on an unknown key id, so the test need not wait.
        OIDC_CLOCK_TOLERANCE_SECONDS: '0',
        OIDC_JWKS_COOLDOWN_SECONDS: '0',
        OIDC_DASHBOARD_CLIENT_ID: 'jiuzhu-dashboard',
        OIDC_DASHBOARD_SCOPE: 'openid profile api',
      },
    });
    const redirectUris = [`${system.baseUrl}/supervision/dashboard`];
    op = await startTestProvider({ port: opPort, accounts, audience: AUDIENCE, redirectUris });
    // Another issuer with the very same signing keys: only the `iss` check can refuse its tokens.
    otherOp = await startTestProvider({ accounts, audience: AUDIENCE, redirectUris, keys: op.keys });
  });
  afterAll(async () => {
    await system?.stop();
    await op?.stop();
    await otherOp?.stop();
    await db?.drop();
  });

  it('accepts an access token from the provider and maps its claims to the actor', async () => {
    const token = await op.signIn('cw-li');
    const me = await call(token, 'GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: 'cw-li', name: '李敏', role: 'CASEWORKER', town: TOWN });
    const created = await call(token, 'POST', '/cases', application);
    expect(created.status).toBe(201);
    const config = await call(null, 'GET', '/auth/config');
    expect(config.body).toMatchObject({
      mode: 'oidc',
      issuer: op.issuer,
      clientId: 'jiuzhu-dashboard',
      authorizationEndpoint: `${op.issuer}/auth`,
      tokenEndpoint: `${op.issuer}/token`,
    });
  });

  it('refuses an expired token, another issuer, another audience, a local HS256 token and a caseworker without a town; nothing changes', async () => {
    const before = await caseCount();
    const expiring = await op.signIn('cw-li', { clientId: SHORT_LIVED_CLIENT });
    const exp = JSON.parse(Buffer.from(expiring.split('.')[1]!, 'base64url').toString()).exp as number;
    await new Promise((r) => setTimeout(r, exp * 1000 + 50 - Date.now()));
    const refusals: Array<[string, string, number, string, string?]> = [
      ['expired', expiring, 401, 'UNAUTHENTICATED', 'token expired'],
      ['another issuer', await otherOp.signIn('cw-li'), 401, 'UNAUTHENTICATED', 'token from another issuer'],
      [
        'another audience',
        await op.signIn('cw-li', { resource: 'urn:other:api' }),
        401,
        'UNAUTHENTICATED',
        'token for another audience',
      ],
      [
        'local HS256',
        await signToken({ id: 'cw-li', name: 'x', role: 'CASEWORKER', town: TOWN }, 'k'.repeat(40)),
        401,
        'UNAUTHENTICATED',
        'unsupported algorithm',
      ],
      ['caseworker without a town', await op.signIn('cw-notown'), 403, 'TOWN_MISSING'],
      ['no Jiuzhu role', await op.signIn('visitor'), 403, 'ROLE_MISSING'],
    ];
    for (const [label, token, status, code, reason] of refusals) {
      for (const [method, url, body] of [
        ['GET', '/auth/me', undefined],
        ['GET', '/cases', undefined],
        ['POST', '/cases', application],
      ] as const) {
        const res = await call(token, method, url, body);
        expect({ label, url, method, status: res.status, code: res.body.error?.code }).toEqual({
          label,
          url,
          method,
          status,
          code,
        });
        expect(res.body.error.messageZh).toEqual(expect.any(String));
        expect(res.body.error.messageEn).toEqual(expect.any(String));
        if (reason) expect(res.body.error.details).toEqual({ reason });
      }
    }
    expect(await caseCount()).toBe(before);
    // Refused tokens read nothing, so the access log has nothing of theirs.
    const supervisor = await op.signIn('sv-lin');
    for (const staffId of ['cw-notown', 'visitor']) {
      const log = await call(supervisor, 'GET', `/access-log?staffId=${staffId}`);
      expect(log.status).toBe(200);
      expect(log.body.items).toEqual([]);
    }
  });

  it('follows a key rotation without a restart: the new key is accepted, the removed one refused', async () => {
    const old = await op.signIn('sv-lin');
    expect((await call(old, 'GET', '/auth/me')).status).toBe(200);
    const oldKids = op.keys.map((k) => k.kid);
    await op.rotateKeys();
    const jwks = (await (await fetch(`${op.issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((k) => k.kid).some((kid) => oldKids.includes(kid))).toBe(false);

    const fresh = await op.signIn('sv-lin');
    const me = await call(fresh, 'GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('SUPERVISOR');
    const refused = await call(old, 'GET', '/auth/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error.details).toEqual({
      reason: 'token signed with a key the issuer does not publish',
    });
  });

  it('signs the supervisor in on the dashboard (authorization code + PKCE in headless Chromium), token in memory only, and out', async () => {
    const { browser, close } = await launchChromium();
    try {
      const page = await browser.newPage();
      const failures: string[] = [];
      page.on('pageerror', (err) => failures.push(err.message));
      await page.goto(`${system.baseUrl}/supervision/dashboard`);
      await page.waitForSelector('#sign-in', { state: 'visible' });
      expect(await page.isVisible('#token')).toBe(false); // no token pasting with a provider
      await page.click('#sign-in');
      // The provider's login page, then back to the dashboard with a code, exchanged with the verifier.
      await page.waitForURL(`${op.issuer}/interaction/**`);
      await page.fill('#username', 'sv-lin');
      await page.fill('#password', 'secret');
      await page.click('#login');
      await page.waitForSelector('body[data-loaded="true"]');
      expect(page.url()).toBe(`${system.baseUrl}/supervision/dashboard`);
      expect(await page.textContent('#who')).toContain('林督查 · SUPERVISOR');
      expect(await page.textContent('#error')).toBe('');
      const stored = await page.evaluate('JSON.stringify([{ ...sessionStorage }, { ...localStorage }])');
      expect(stored).not.toMatch(/eyJ/); // no JWT in web storage: the token lives in memory only

      await page.click('#sign-out');
      await page.waitForURL(`${op.issuer}/**`);
      await page.click('#confirm-logout');
      await page.waitForURL(`${system.baseUrl}/supervision/dashboard**`);
      await page.waitForSelector('#sign-in', { state: 'visible' });
      expect(await page.textContent('#who')).toContain('未登录');
      expect(await page.getAttribute('body', 'data-loaded')).toBeNull();
      expect(failures).toEqual([]);
    } finally {
      await close();
    }
  });
});
