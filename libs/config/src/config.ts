/**
 * Configuration comes from environment variables only, checked once at start-up: a wrong value stops the
 * process with a message naming the variable and what it should look like, instead of failing later.
 */
export interface AppConfig {
  temporal: { address: string; namespace: string; taskQueue: string };
  databaseUrl: string;
  api: { port: number; host: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** How staff bearer tokens are verified: the bureau's OpenID provider, or local HS256 for `npm start`. */
  auth: AuthConfig;
  /** The bureau's SMS/messaging gateway for reminders and 催办; unset = in-app inbox and log only. */
  notifyWebhookUrl: string | undefined;
  /** Where the worker serves GET /metrics (null = off), and the Temporal SDK's own Prometheus endpoint. */
  workerMetrics: { port: number | null; host: string; sdkAddress: string | null };
  /** OpenTelemetry traces: off unless OTEL_TRACES_EXPORTER says where they go (see TracingConfig). */
  tracing: TracingConfig;
}

/**
 * Where OpenTelemetry spans go, by the standard variables: `none` (the default: no tracer, no interceptor, no
 * network), `console` (the process's stdout) or `otlp` (OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT, or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, read by the exporter itself).
 */
export interface TracingConfig {
  exporter: 'none' | 'console' | 'otlp';
}

const TRACES_EXPORTERS = ['none', 'console', 'otlp'] as const;

/**
 * LOCAL DEVELOPMENT ONLY: HS256 tokens signed with a shared secret (`npm run token`), the mode `npm start`
 * runs in when no issuer is configured. Refused when OIDC_ISSUER is set, so a deployment cannot fall back
 * to it by accident.
 */
export interface LocalAuthConfig {
  mode: 'local';
  secret: string;
}

/** The API as an OAuth 2.0 resource server of the bureau's OpenID provider (Keycloak or another). */
export interface OidcAuthConfig {
  mode: 'oidc';
  /** Exactly the provider's `issuer` (its discovery document is at `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  /** The `aud` that access tokens for this API carry. */
  audience: string;
  algorithms: string[];
  /** Where each part of the Actor comes from in the access token (dot paths, e.g. `realm_access.roles`). */
  claims: { staffId: string; name: string; role: string; town: string; department?: string };
  /** Provider role name → Jiuzhu role, when the provider's names differ; empty = the same names. */
  roleMap: Record<string, string>;
  clockToleranceSeconds: number;
  /** JWKS: refetched at most once per cooldown when a token names an unknown key id; kept at most maxAge. */
  jwksCooldownSeconds: number;
  jwksMaxAgeSeconds: number;
  /** The dashboard's public client (authorization code + PKCE); unset = the dashboard cannot sign in. */
  dashboardClientId: string | undefined;
  dashboardScope: string;
}

export type AuthConfig = LocalAuthConfig | OidcAuthConfig;

/** Roles the API knows; kept here so configuration can check OIDC_ROLE_MAP (see apps/api/src/auth/jwt.ts). */
export const STAFF_ROLE_NAMES = [
  'CASEWORKER',
  'DISTRICT_REVIEWER',
  'DISTRICT_LEADER',
  'FINANCE',
  'SUPERVISOR',
  'ADMINISTRATOR',
  'AUDITOR',
  'DEPARTMENT_LIAISON',
] as const;

const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_NAMESPACE = 'jiuzhu';
export const DEFAULT_TASK_QUEUE = 'jiuzhu-applications';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const required = (name: string, example: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set; e.g. ${name}=${example}`);
    return value ?? '';
  };

  const address = env.TEMPORAL_ADDRESS?.trim() || '127.0.0.1:7233';
  if (!/^[\w.-]+:\d{1,5}$/.test(address)) {
    problems.push(`TEMPORAL_ADDRESS must be host:port (e.g. temporal.internal:7233), got "${address}"`);
  }
  const databaseUrl = required('DATABASE_URL', 'postgres://user:password@localhost:5432/jiuzhu');
  if (databaseUrl && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    problems.push(
      'DATABASE_URL must be a postgres:// URL, e.g. postgres://user:password@localhost:5432/jiuzhu',
    );
  }
  const port = Number(env.API_PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`API_PORT must be a port number 0-65535, got "${env.API_PORT}"`);
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const auth = loadAuth(env, problems, required);

  const notifyWebhookUrl = env.NOTIFY_WEBHOOK_URL?.trim() || undefined;
  if (notifyWebhookUrl && !/^https?:\/\/.+/.test(notifyWebhookUrl)) {
    problems.push(`NOTIFY_WEBHOOK_URL must be an http(s) URL, got "${notifyWebhookUrl}"`);
  }

  const metricsPort = optionalPort(env, 'WORKER_METRICS_PORT', 9464, problems);
  const sdkAddress = env.TEMPORAL_SDK_METRICS_ADDRESS?.trim() || '127.0.0.1:9465';
  if (sdkAddress !== 'off' && !/^[\w.-]+:\d{1,5}$/.test(sdkAddress)) {
    problems.push(`TEMPORAL_SDK_METRICS_ADDRESS must be host:port or off, got "${sdkAddress}"`);
  }

  const tracing = loadTracing(env, problems);

  if (problems.length) throw new ConfigError(problems);
  return {
    temporal: {
      address,
      namespace: env.TEMPORAL_NAMESPACE?.trim() || DEFAULT_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE?.trim() || DEFAULT_TASK_QUEUE,
    },
    databaseUrl,
    api: { port, host: env.API_HOST?.trim() || '127.0.0.1' },
    logLevel,
    auth,
    notifyWebhookUrl,
    workerMetrics: {
      port: metricsPort,
      host: env.WORKER_METRICS_HOST?.trim() || '127.0.0.1',
      sdkAddress: sdkAddress === 'off' ? null : sdkAddress,
    },
    tracing,
  };
}

function loadTracing(env: NodeJS.ProcessEnv, problems: string[]): TracingConfig {
  const exporter = (env.OTEL_TRACES_EXPORTER?.trim() || 'none') as TracingConfig['exporter'];
  if (!TRACES_EXPORTERS.includes(exporter)) {
    problems.push(`OTEL_TRACES_EXPORTER must be one of ${TRACES_EXPORTERS.join(', ')}, got "${exporter}"`);
  }
  for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
    const url = env[name]?.trim();
    if (url && !/^https?:\/\/[^\s]+$/.test(url)) {
      problems.push(
        `${name} must be an http(s) URL (OTLP over HTTP, e.g. http://collector:4318), got "${url}"`,
      );
    }
  }
  return { exporter };
}

function loadAuth(
  env: NodeJS.ProcessEnv,
  problems: string[],
  required: (name: string, example: string) => string,
): AuthConfig {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) {
    const secret = required('JWT_SECRET', '<at least 32 random characters, e.g. `openssl rand -hex 32`>');
    if (secret && secret.length < 32) problems.push('JWT_SECRET must be at least 32 characters long');
    return { mode: 'local', secret };
  }
  if (env.JWT_SECRET?.trim()) {
    problems.push(
      'JWT_SECRET is set together with OIDC_ISSUER: local HS256 tokens are for `npm start` only and are refused ' +
        'when an identity provider is configured; unset JWT_SECRET',
    );
  }
  if (!/^https?:\/\/[^\s]+$/.test(issuer))
    problems.push(`OIDC_ISSUER must be an http(s) URL, got "${issuer}"`);
  const audience = required('OIDC_AUDIENCE', 'jiuzhu-api (the `aud` of access tokens for this API)');
  const algorithms = (env.OIDC_ALGORITHMS?.trim() || 'RS256,ES256').split(',').map((a) => a.trim());
  const wrong = algorithms.filter((a) => !ASYMMETRIC_ALGORITHMS.includes(a));
  if (wrong.length) {
    problems.push(
      `OIDC_ALGORITHMS must list asymmetric JWS algorithms (${ASYMMETRIC_ALGORITHMS.join(', ')}), got "${wrong.join(',')}"`,
    );
  }
  const roleMap: Record<string, string> = {};
  for (const pair of (env.OIDC_ROLE_MAP ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [from, to] = pair.split('=').map((p) => p.trim());
    if (!from || !to || !(STAFF_ROLE_NAMES as readonly string[]).includes(to)) {
      problems.push(
        `OIDC_ROLE_MAP must be provider-role=JIUZHU_ROLE pairs separated by commas (roles: ${STAFF_ROLE_NAMES.join(', ')}), got "${pair}"`,
      );
      continue;
    }
    roleMap[from] = to;
  }
  const seconds = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    if (!Number.isFinite(value) || value < 0)
      problems.push(`${name} must be a number of seconds ≥ 0, got "${raw}"`);
    return value;
  };
  return {
    mode: 'oidc',
    issuer,
    audience,
    algorithms,
    claims: {
      staffId: env.OIDC_STAFF_ID_CLAIM?.trim() || 'sub',
      name: env.OIDC_NAME_CLAIM?.trim() || 'name',
      role: env.OIDC_ROLE_CLAIM?.trim() || 'realm_access.roles',
      town: env.OIDC_TOWN_CLAIM?.trim() || 'town',
      department: env.OIDC_DEPARTMENT_CLAIM?.trim() || 'department',
    },
    roleMap,
    clockToleranceSeconds: seconds('OIDC_CLOCK_TOLERANCE_SECONDS', 30),
    jwksCooldownSeconds: seconds('OIDC_JWKS_COOLDOWN_SECONDS', 30),
    jwksMaxAgeSeconds: seconds('OIDC_JWKS_MAX_AGE_SECONDS', 600),
    dashboardClientId: env.OIDC_DASHBOARD_CLIENT_ID?.trim() || undefined,
    dashboardScope: env.OIDC_DASHBOARD_SCOPE?.trim() || 'openid profile',
  };
}

/** A port number from the environment, `fallback` when unset, null for `off`. */
function optionalPort(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]) {
  const raw = env[name]?.trim();
  if (raw === 'off') return null;
  const port = Number(raw || fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} must be a port number 0-65535 or off, got "${raw}"`);
  }
  return port;
}
