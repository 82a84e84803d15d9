import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { JWK } from 'jose' with { 'resolution-mode': 'import' };
import { freePort } from '../src';

/** A staff member as the provider knows them, with Keycloak-shaped claims (realm roles, a town attribute). */
export interface TestAccount {
  username: string;
  name: string;
  roles: string[];
  town?: string;
}

export interface TestProviderOptions {
  accounts: TestAccount[];
  /** The resource indicator (becomes `aud`) of the Jiuzhu API. */
  audience: string;
  /** The dashboard's public client may redirect here (authorization code + PKCE). */
  redirectUris: string[];
  port?: number;
  /** Private signing keys (JWKS); new ES256 + RS256 keys when omitted. */
  keys?: JWK[];
}

export interface TestProvider {
  issuer: string;
  port: number;
  keys: JWK[];
  /** Signs in `username` with the real authorization-code flow + PKCE and returns the access token. */
  signIn(username: string, opts?: { resource?: string; clientId?: string }): Promise<string>;
  /** Replaces the signing keys: the new key ids are published, the old ones removed (no restart). */
  rotateKeys(keys?: JWK[]): Promise<void>;
  stop(): Promise<void>;
}

export const DASHBOARD_CLIENT = 'jiuzhu-dashboard';
/** A client whose access tokens live one second, to test expiry. */
export const SHORT_LIVED_CLIENT = 'short-lived';
const TEST_REDIRECT = 'http://127.0.0.1/callback';

/**
 * A certified OpenID provider (the `oidc-provider` package, an ES module that jest loads through its swc
 * transform) in the test process, on a free port. Sign-in goes through its real endpoints: the
 * authorization endpoint, a login form (our interaction), the token endpoint with PKCE; access tokens are
 * JWTs for the API's resource indicator, with Keycloak's claim shapes added by extraTokenClaims.
 */
export async function startTestProvider(opts: TestProviderOptions): Promise<TestProvider> {
  const { default: Provider } = await import('oidc-provider');
  const { generateKeyPair, exportJWK } = await import('jose');
  const port = opts.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const newKeys = async (): Promise<JWK[]> => {
    const out: JWK[] = [];
    for (const alg of ['ES256', 'RS256'] as const) {
      const { privateKey } = await generateKeyPair(alg, { extractable: true });
      out.push({
        ...(await exportJWK(privateKey)),
        alg,
        use: 'sig',
        kid: `${alg}-${randomBytes(4).toString('hex')}`,
      });
    }
    return out;
  };
  const accounts = new Map(opts.accounts.map((a) => [a.username, a]));

  const build = (keys: JWK[]) => {
    const provider = new Provider(issuer, {
      jwks: { keys: keys as never },
      clients: [
        ...[DASHBOARD_CLIENT, SHORT_LIVED_CLIENT].map((client_id) => ({
          client_id,
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [...opts.redirectUris, TEST_REDIRECT],
          post_logout_redirect_uris: opts.redirectUris,
        })),
      ],
      pkce: { required: () => true },
      cookies: { keys: ['test-cookie-key'] },
      claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          // The default page loads a web font; these machines have no internet.
          logoutSource: async (ctx: { body: string }, form: string) => {
            ctx.body =
              `<!doctype html><html><body><h1>退出登录 Sign out?</h1>${form}` +
              `<button id="confirm-logout" type="submit" form="op.logoutForm" value="yes" name="logout">退出 Yes, sign me out</button></body></html>`;
          },
        },
        resourceIndicators: {
          enabled: true,
          defaultResource: async () => opts.audience,
          useGrantedResource: async () => true,
          getResourceServerInfo: async (_ctx: unknown, resource: string) => ({
            scope: 'api',
            audience: resource,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: keys[0]!.alg as 'ES256' } },
          }),
        },
      },
      clientBasedCORS: () => true,
      ttl: {
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
        IdToken: 600,
        AccessToken: (_ctx: unknown, _token: unknown, client: { clientId: string }) =>
          client.clientId === SHORT_LIVED_CLIENT ? 1 : 600,
      } as never,
      findAccount: async (_ctx: unknown, sub: string) => {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return {
          accountId: sub,
          claims: async () => ({ sub, name: account.name, preferred_username: account.username }),
        };
      },
      extraTokenClaims: async (_ctx: unknown, token: { accountId?: string }) => {
        const account = token.accountId ? accounts.get(token.accountId) : undefined;
        if (!account) return undefined;
        return {
          preferred_username: account.username,
          name: account.name,
          realm_access: { roles: ['offline_access', 'default-roles-jiuzhu', ...account.roles] },
          ...(account.town ? { town: account.town } : {}),
        };
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
    } as never);
    return provider;
  };

  let keys = opts.keys ?? (await newKeys());
  let provider = build(keys);
  let callback = provider.callback();
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(provider, req, res, accounts, opts.audience).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    callback(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    issuer,
    port,
    get keys() {
      return keys;
    },
    signIn: (username, signInOpts) => signInWithCode(issuer, username, signInOpts),
    rotateKeys: async (next) => {
      keys = next ?? (await newKeys());
      provider = build(keys);
      callback = provider.callback();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type ProviderInstance = import('oidc-provider').default;

/** The login form: GET shows it, POST signs the named account in and grants the requested scopes. */
async function interaction(
  provider: ProviderInstance,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  accounts: Map<string, TestAccount>,
  audience: string,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><html><body><h1>统一身份认证 Test sign-in</h1>` +
        `<form method="post" action="/interaction/${details.uid}">` +
        `<label>用户名 <input name="username" id="username"></label>` +
        `<label>密码 <input name="password" id="password" type="password"></label>` +
        `<button type="submit" id="login">登录 Sign in</button></form></body></html>`,
    );
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const username = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('username') ?? '';
  if (!accounts.has(username)) {
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'unknown user',
    });
    return;
  }
  const params = details.params as { client_id: string; scope?: string; resource?: string };
  const grant = new provider.Grant({ accountId: username, clientId: params.client_id });
  grant.addOIDCScope(params.scope ?? 'openid');
  grant.addResourceScope(params.resource ?? audience, 'api');
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: username }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

/** What a browser does, with fetch and a cookie jar: authorize → login form → code → token (PKCE). */
async function signInWithCode(
  issuer: string,
  username: string,
  opts: { resource?: string; clientId?: string } = {},
): Promise<string> {
  const clientId = opts.clientId ?? DASHBOARD_CLIENT;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  };
  const authorize = new URL(`${issuer}/auth`);
  Object.entries({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: TEST_REDIRECT,
    scope: 'openid profile api',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
    ...(opts.resource ? { resource: opts.resource } : {}),
  }).forEach(([k, v]) => authorize.searchParams.set(k, v));
  let res = await go(authorize.href);
  let location = res.headers.get('location');
  if (!location?.includes('/interaction/'))
    throw new Error(`no login page: ${res.status} ${await res.text()}`);
  res = await go(new URL(location, issuer).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: 'x' }).toString(),
  });
  // The provider resumes the authorization request, then redirects to the client with the code.
  for (let hops = 0; hops < 5; hops++) {
    location = res.headers.get('location');
    if (!location) throw new Error(`sign-in stopped: ${res.status} ${await res.text()}`);
    if (location.startsWith(TEST_REDIRECT)) break;
    res = await go(new URL(location, issuer).href);
  }
  const code = new URL(location!).searchParams.get('code');
  if (!code) throw new Error(`no code: ${location}`);
  const token = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: TEST_REDIRECT,
      client_id: clientId,
      code_verifier: verifier,
      ...(opts.resource ? { resource: opts.resource } : {}),
    }).toString(),
  });
  const body = (await token.json()) as { access_token?: string };
  if (!token.ok || !body.access_token)
    throw new Error(`token endpoint: ${token.status} ${JSON.stringify(body)}`);
  return body.access_token;
}
