export {
  loadConfig,
  ConfigError,
  DEFAULT_NAMESPACE,
  DEFAULT_TASK_QUEUE,
  STAFF_ROLE_NAMES,
  type AppConfig,
  type AuthConfig,
  type LocalAuthConfig,
  type OidcAuthConfig,
  type TracingConfig,
} from './config';
export { createLogger, type Logger } from './logger';
export { localDataDir, localJwtSecret, localDatabaseUrl } from './local-data';
