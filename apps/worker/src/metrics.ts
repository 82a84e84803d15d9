import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { WorkingDayCalendar } from '../../../libs/calendar/src';
import { LATENCY_BUCKETS, createMetricsRegistry } from '../../../libs/observability/src';
import { dueCountsByDay } from '../../../libs/persistence/src';

/**
 * The worker's Prometheus metrics: activity latency and failures (an activity interceptor), and, read at
 * each scrape from cheap tables, the notifications outbox and the overdue / due-soon steps by town.
 */
export class WorkerMetrics {
  readonly registry: Registry = createMetricsRegistry('worker');

  readonly activity = new Histogram({
    name: 'jiuzhu_activity_duration_seconds',
    help: 'Activity executions by activity type and outcome (ok, failed)',
    labelNames: ['activity', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly activityFailures = new Counter({
    name: 'jiuzhu_activity_failures_total',
    help: 'Activity attempts that threw (Temporal retries them by their retry policy)',
    labelNames: ['activity'] as const,
    registers: [this.registry],
  });

  /** Each attempt of each activity, timed and counted. */
  readonly activityInterceptor: ActivityInterceptorsFactory = (ctx) => ({
    inbound: {
      execute: async (input, next) => {
        const activity = ctx.info.activityType;
        const end = this.activity.startTimer({ activity });
        try {
          const result = await next(input);
          end({ outcome: 'ok' });
          return result;
        } catch (err) {
          end({ outcome: 'failed' });
          this.activityFailures.inc({ activity });
          throw err;
        }
      },
    },
  });

  /** Outbox and deadline gauges from PostgreSQL, refreshed when Prometheus scrapes. */
  watchDatabase(dataSource: DataSource, calendar: () => Promise<WorkingDayCalendar>): void {
    new Gauge({
      name: 'jiuzhu_outbox_notifications',
      help: 'Notifications in the outbox not delivered yet, by status (PENDING: to be sent or retried; FAILED: given up)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const rows = (await dataSource
          .query(
            `SELECT status, count(*)::int AS n FROM notifications WHERE status IN ('PENDING', 'FAILED') GROUP BY status`,
          )
          .catch(() => [])) as Array<{ status: string; n: number }>;
        this.reset();
        for (const status of ['PENDING', 'FAILED']) {
          this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
        }
      },
    });
    new Gauge({
      name: 'jiuzhu_outbox_oldest_pending_seconds',
      help: 'Age of the oldest notification still pending (the outbox lag)',
      registers: [this.registry],
      async collect() {
        const [row] = (await dataSource
          .query(
            `SELECT extract(epoch FROM now() - min(created_at))::float AS age FROM notifications WHERE status = 'PENDING'`,
          )
          .catch(() => [])) as Array<{ age: number | null }>;
        this.set(row?.age ?? 0);
      },
    });
    const dueSoon = new Gauge({
      name: 'jiuzhu_steps_due_soon',
      help: 'Open steps due within 2 working days and not yet overdue, by town',
      labelNames: ['town'] as const,
      registers: [],
    });
    new Gauge({
      name: 'jiuzhu_steps_overdue',
      help: 'Open steps past their (extended) due date, by town',
      labelNames: ['town'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        dueSoon.reset();
        try {
          const asOf = new Date();
          const horizon = (await calendar()).addWorkingDays(asOf, 2).dueAt;
          const rows = await dueCountsByDay(dataSource.manager, {
            by: 'town',
            asOf,
            dueSoonBefore: new Date(Date.parse(horizon) + 1),
          });
          for (const r of rows) {
            this.set({ town: r.key }, r.overdue);
            dueSoon.set({ town: r.key }, r.due_soon);
          }
        } catch {
          // the database is away: no figures rather than a failed scrape
        }
      },
    });
    // Registered after the overdue gauge, whose collect fills it.
    this.registry.registerMetric(dueSoon);
  }
}
