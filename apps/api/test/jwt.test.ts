import { actorFromClaims } from '../src/auth/claims';
import { ActorError, signToken, verifyToken } from '../src/auth/jwt';
import { OidcVerifier, ProviderUnavailableError } from '../src/auth/oidc';

const secret = 'k'.repeat(40);
const caseworker = { id: 'cw-1', name: '李敏', role: 'CASEWORKER' as const, town: '会城街道' };

describe('local (npm start) HS256 staff tokens, through jose', () => {
  it('round-trips the actor', async () => {
    expect(await verifyToken(await signToken(caseworker, secret), secret)).toEqual(caseworker);
  });

  it('rejects a token signed with another secret, a tampered one and an expired one', async () => {
    const token = await signToken(caseworker, secret);
    await expect(verifyToken(token, 'x'.repeat(40))).rejects.toThrow('bad signature');
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'DISTRICT_LEADER' }),
    ).toString('base64url');
    await expect(verifyToken(`${h}.${forged}.${s}`, secret)).rejects.toThrow('bad signature');
    const old = await signToken(caseworker, secret, 60, Date.now() - 3_600_000);
    await expect(verifyToken(old, secret)).rejects.toThrow('token expired');
    await expect(verifyToken('not.a.token', secret)).rejects.toThrow('malformed token');
  });

  it('refuses alg "none" and asymmetric algorithms in local mode', async () => {
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url'),
      Buffer.from(JSON.stringify({ sub: 'x', role: 'SUPERVISOR', exp: 2e9 })).toString('base64url'),
      '',
    ].join('.');
    await expect(verifyToken(unsigned, secret)).rejects.toThrow(/unsupported algorithm|malformed/);
  });

  it('requires a town for caseworkers and a known role (403, not 401)', async () => {
    const noTown = verifyToken(await signToken({ ...caseworker, town: undefined }, secret), secret);
    await expect(noTown).rejects.toThrow('must name the town');
    await expect(noTown).rejects.toBeInstanceOf(ActorError);
    await expect(
      verifyToken(await signToken({ ...caseworker, role: 'ROOT' as never }, secret), secret),
    ).rejects.toThrow('no Jiuzhu role');
  });
});

describe('claim mapping (OIDC access tokens)', () => {
  const keycloak = {
    staffId: 'preferred_username',
    name: 'name',
    role: 'realm_access.roles',
    town: 'town',
    roleMap: {},
  };

  it('reads Keycloak realm roles, ignoring the provider’s own roles, and a town attribute', () => {
    const payload = {
      sub: '6c1f0a2e-uuid',
      preferred_username: 'cw-li',
      name: '李敏',
      realm_access: { roles: ['offline_access', 'default-roles-jiuzhu', 'CASEWORKER'] },
      town: ['会城街道'],
    };
    expect(actorFromClaims(payload, keycloak)).toEqual({
      id: 'cw-li',
      name: '李敏',
      role: 'CASEWORKER',
      town: '会城街道',
    });
  });

  it('maps provider role names, e.g. client roles, to Jiuzhu roles', () => {
    const payload = { sub: 'u1', resource_access: { 'jiuzhu-api': { roles: ['jz-audit'] } } };
    const mapping = { ...keycloak, staffId: 'sub', role: 'resource_access.jiuzhu-api.roles' };
    expect(() => actorFromClaims(payload, mapping)).toThrow('no Jiuzhu role');
    expect(actorFromClaims(payload, { ...mapping, roleMap: { 'jz-audit': 'AUDITOR' } })).toEqual({
      id: 'u1',
      name: 'u1',
      role: 'AUDITOR',
      town: undefined,
    });
  });

  it('refuses two Jiuzhu roles at once, a caseworker without a town and a token without a staff id', () => {
    const two = { preferred_username: 'x', realm_access: { roles: ['SUPERVISOR', 'FINANCE'] } };
    expect(() => actorFromClaims(two, keycloak)).toThrow('several Jiuzhu roles');
    const noTown = { preferred_username: 'x', realm_access: { roles: ['CASEWORKER'] } };
    expect(() => actorFromClaims(noTown, keycloak)).toThrow(ActorError);
    expect(() => actorFromClaims({ realm_access: { roles: ['SUPERVISOR'] } }, keycloak)).toThrow(
      'no staff id',
    );
  });
});

describe('OIDC verifier without its provider', () => {
  it('says the provider is unavailable (503), not that the token is bad, when discovery cannot be read', async () => {
    const verifier = new OidcVerifier({
      mode: 'oidc',
      issuer: 'http://127.0.0.1:9/realms/none',
      audience: 'jiuzhu-api',
      algorithms: ['RS256'],
      claims: { staffId: 'sub', name: 'name', role: 'realm_access.roles', town: 'town' },
      roleMap: {},
      clockToleranceSeconds: 0,
      jwksCooldownSeconds: 30,
      jwksMaxAgeSeconds: 600,
      dashboardClientId: undefined,
      dashboardScope: 'openid',
    });
    await expect(verifier.verify('a.b.c')).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});
