import pino, { type Logger } from 'pino';

/**
 * One structured JSON logger per process; `service` tells api, worker and launcher apart. `mixin` adds fields
 * to every line (the API and the worker add the active trace's ids when they trace).
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  mixin?: () => Record<string, unknown>,
): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(mixin ? { mixin } : {}),
  });
}
export type { Logger };
