import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createLogger, loadConfig } from '../../../libs/config/src';
import {
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
import { createWorker } from './worker';

async function main() {
  const config = loadConfig();
  const log = createLogger('worker', config.logLevel);
  // SDK and core logs go through the same JSON logger as ours.
  Runtime.install({
    logger: temporalLogger(log),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
  });
  const dataSource = await createDataSource(config.databaseUrl, {
    applicationName: 'jiuzhu-worker',
  }).initialize();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const calendarStore = new CalendarStore(dataSource);

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

  const worker = await createWorker(
    config,
    { dataSource, calendar: () => calendarStore.calendar(), eventStore },
    connection,
  );
  dispatcher.start();
  log.info(
    { taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace, channels },
    'worker started',
  );
  // Runtime's default shutdown signals (SIGINT, SIGTERM) drain the worker; run() resolves when it is done.
  await worker.run();
  await dispatcher.stop();
  await connection.close();
  await dataSource.destroy();
  log.info('worker stopped');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
