import { ConfigError, loadConfig } from '../src';

describe('loadConfig', () => {
  const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', JWT_SECRET: 'x'.repeat(32) };

  it('applies defaults for a local stack', () => {
    const config = loadConfig(valid);
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'jiuzhu',
      taskQueue: 'jiuzhu-applications',
    });
    expect(config.api.port).toBe(3000);
  });

  it('switches to external servers by environment alone', () => {
    const config = loadConfig({
      ...valid,
      TEMPORAL_ADDRESS: 'temporal.prod:7233',
      TEMPORAL_NAMESPACE: 'xinhui',
    });
    expect(config.temporal.address).toBe('temporal.prod:7233');
    expect(config.temporal.namespace).toBe('xinhui');
  });

  it('lists every problem with a hint at once', () => {
    let error: unknown;
    try {
      loadConfig({ TEMPORAL_ADDRESS: 'no-port', API_PORT: 'abc', LOG_LEVEL: 'loud', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/TEMPORAL_ADDRESS must be host:port/);
    expect(problems).toMatch(/DATABASE_URL is not set/);
    expect(problems).toMatch(/API_PORT must be a port number/);
    expect(problems).toMatch(/LOG_LEVEL must be one of/);
    expect(problems).toMatch(/JWT_SECRET must be at least 32 characters/);
  });

  it('traces nothing unless OTEL_TRACES_EXPORTER names an exporter', () => {
    expect(loadConfig(valid).tracing).toEqual({ exporter: 'none' });
    expect(
      loadConfig({
        ...valid,
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      }).tracing,
    ).toEqual({ exporter: 'otlp' });
    expect(() => loadConfig({ ...valid, OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(
      /OTEL_TRACES_EXPORTER must be one of none, console, otlp, got "jaeger"/,
    );
    expect(() => loadConfig({ ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/,
    );
  });

  describe('staff sign-in', () => {
    const oidc = {
      DATABASE_URL: valid.DATABASE_URL,
      OIDC_ISSUER: 'https://sso.example.gov.cn/realms/jiuzhu',
      OIDC_AUDIENCE: 'jiuzhu-api',
    };

    it('is local HS256 (npm start) without an issuer', () => {
      expect(loadConfig(valid).auth).toEqual({ mode: 'local', secret: valid.JWT_SECRET });
    });

    it('verifies the provider’s tokens with Keycloak-shaped defaults when an issuer is set', () => {
      expect(loadConfig(oidc).auth).toMatchObject({
        mode: 'oidc',
        issuer: oidc.OIDC_ISSUER,
        audience: 'jiuzhu-api',
        algorithms: ['RS256', 'ES256'],
        claims: { staffId: 'sub', name: 'name', role: 'realm_access.roles', town: 'town' },
        roleMap: {},
      });
      const mapped = loadConfig({
        ...oidc,
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: 'jz-cw=CASEWORKER, jz-audit=AUDITOR',
        OIDC_STAFF_ID_CLAIM: 'preferred_username',
      }).auth;
      expect(mapped).toMatchObject({
        claims: { role: 'groups', staffId: 'preferred_username' },
        roleMap: { 'jz-cw': 'CASEWORKER', 'jz-audit': 'AUDITOR' },
      });
    });

    it('refuses the local secret next to an issuer, a missing audience, HS256 and unknown roles', () => {
      const problems = (env: Record<string, string>) => {
        try {
          loadConfig(env);
          return '';
        } catch (e) {
          return (e as ConfigError).problems.join('\n');
        }
      };
      expect(problems({ ...oidc, JWT_SECRET: 'x'.repeat(32) })).toMatch(
        /JWT_SECRET is set together with OIDC_ISSUER/,
      );
      expect(problems({ ...oidc, OIDC_AUDIENCE: '' })).toMatch(/OIDC_AUDIENCE is not set/);
      expect(problems({ ...oidc, OIDC_ALGORITHMS: 'HS256' })).toMatch(/OIDC_ALGORITHMS must list asymmetric/);
      expect(problems({ ...oidc, OIDC_ROLE_MAP: 'x=ROOT' })).toMatch(/OIDC_ROLE_MAP must be/);
    });
  });
});
