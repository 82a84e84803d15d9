export { loadConfig, ConfigError, DEFAULT_NAMESPACE, DEFAULT_TASK_QUEUE, type AppConfig } from './config';
export { createLogger, type Logger } from './logger';
