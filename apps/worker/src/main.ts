import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createLogger, loadConfig, type AppConfig, type Logger } from '../../../libs/config/src';
import { scrape, serveMetrics, startTracing, traceLogFields } from '../../../libs/observability/src';
import {
  CalendarChangeFeed,
  CalendarStore,
  CaseProjector,
  EventStore,
  NotificationOutboxProjector,
  NotificationStore,
  createDataSource,
  type Channel,
} from '../../../libs/persistence/src';
import { NotificationDispatcher, webhookChannel } from './notifications/dispatcher';
import { temporalLogger } from './temporal-logger';
import { WorkerMetrics } from './metrics';
import { workerTracing } from './tracing';
import { createWorker } from './worker';

async function main() {
  const config = loadConfig();
  const log = createLogger(
    'worker',
    config.logLevel,
    config.tracing.exporter !== 'none' ? traceLogFields : undefined,
  );
  // SDK and core logs go through the same JSON logger as ours; the SDK's own metrics (task latencies,
  // poll results, cache, sticky queue…) on its Prometheus endpoint, which our /metrics passes through.
  const sdkMetrics = config.workerMetrics.sdkAddress;
  Runtime.install({
    logger: temporalLogger(log),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} },
      ...(sdkMetrics ? { metrics: { prometheus: { bindAddress: sdkMetrics } } } : {}),
    },
  });
  // Before the database is opened: tracing instruments `pg` (off unless OTEL_TRACES_EXPORTER is set).
  const tracing = await startTracing('worker', config.tracing.exporter);
  const traced = tracing ? await workerTracing(tracing) : undefined;
  const dataSource = await createDataSource(config.databaseUrl, {
    applicationName: 'jiuzhu-worker',
  }).initialize();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  // The calendar is kept until PostgreSQL announces a change (asked before each deadline while not listening).
  const calendarFeed = new CalendarChangeFeed(config.databaseUrl, (error) =>
    log.warn(
      { error },
      'calendar change feed lost; checking the calendar on every deadline until it is back',
    ),
  );
  await calendarFeed.start();
  const calendarStore = new CalendarStore(dataSource, calendarFeed);

  // Read models and the notifications outbox are written in the same transaction as each event.
  const channels: Channel[] = config.notifyWebhookUrl ? ['INBOX', 'LOG', 'WEBHOOK'] : ['INBOX', 'LOG'];
  const eventStore = new EventStore(dataSource, [
    new CaseProjector(),
    new NotificationOutboxProjector(channels),
  ]);
  const dispatcher = new NotificationDispatcher(new NotificationStore(dataSource), {
    channels: {
      LOG: async (n) =>
        log.info({ notification: n.id, recipient: n.recipientId, caseId: n.caseId }, n.titleZh),
      ...(config.notifyWebhookUrl ? { WEBHOOK: webhookChannel(config.notifyWebhookUrl) } : {}),
    },
    onError: (n, error, final) =>
      log[final ? 'error' : 'warn'](
        { notification: n.id, error },
        final ? 'notification delivery failed for good' : 'notification delivery failed; will retry',
      ),
  });

  const metrics = new WorkerMetrics();
  const calendar = (options?: { fresh?: boolean }) => calendarStore.calendar(options);
  metrics.watchDatabase(dataSource, calendar);
  const worker = await createWorker(config, { dataSource, calendar, eventStore }, connection, {
    interceptors: {
      activity: [...(traced?.activity ?? []), metrics.activityInterceptor],
      ...(traced ? { workflowModules: traced.workflowModules } : {}),
    },
    ...(traced ? { sinks: traced.sinks } : {}),
  });
  const metricsServer = await startMetricsServer(config, metrics, log);
  dispatcher.start();
  log.info(
    {
      taskQueue: config.temporal.taskQueue,
      namespace: config.temporal.namespace,
      channels,
      traces: config.tracing.exporter,
    },
    'worker started',
  );
  // Runtime's default shutdown signals (SIGINT, SIGTERM) drain the worker; run() resolves when it is done.
  await worker.run();
  await dispatcher.stop();
  await calendarFeed.stop();
  await metricsServer?.close();
  await connection.close();
  await dataSource.destroy();
  await tracing?.shutdown(); // the last spans
  log.info('worker stopped');
}

/** GET /metrics on WORKER_METRICS_PORT; a port in use costs the metrics, not the worker. */
async function startMetricsServer(config: AppConfig, metrics: WorkerMetrics, log: Logger) {
  const { port, host, sdkAddress } = config.workerMetrics;
  if (port === null) return undefined;
  try {
    const server = await serveMetrics({
      registry: metrics.registry,
      port,
      host,
      extra: sdkAddress ? () => scrape(`http://${sdkAddress}/metrics`) : undefined,
    });
    log.info({ url: server.url }, 'worker metrics listening');
    return server;
  } catch (err) {
    log.error({ err, port }, `worker metrics could not listen on ${host}:${port}; running without them`);
    return undefined;
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
