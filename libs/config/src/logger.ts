import pino, { type Logger } from 'pino';

/** One structured JSON logger per process; `service` tells api, worker and launcher apart. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
export type { Logger };
