/**
 * Configuration comes from environment variables only, checked once at start-up: a wrong value stops the
 * process with a message naming the variable and what it should look like, instead of failing later.
 */
export interface AppConfig {
  temporal: { address: string; namespace: string; taskQueue: string };
  databaseUrl: string;
  api: { port: number; host: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** HS256 secret shared with the bureau's identity provider that signs staff bearer tokens. */
  jwtSecret: string;
  /** The bureau's SMS/messaging gateway for reminders and 催办; unset = in-app inbox and log only. */
  notifyWebhookUrl: string | undefined;
}

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

  const jwtSecret = required('JWT_SECRET', '<at least 32 random characters, e.g. `openssl rand -hex 32`>');
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters long');

  const notifyWebhookUrl = env.NOTIFY_WEBHOOK_URL?.trim() || undefined;
  if (notifyWebhookUrl && !/^https?:\/\/.+/.test(notifyWebhookUrl)) {
    problems.push(`NOTIFY_WEBHOOK_URL must be an http(s) URL, got "${notifyWebhookUrl}"`);
  }

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
    jwtSecret,
    notifyWebhookUrl,
  };
}
