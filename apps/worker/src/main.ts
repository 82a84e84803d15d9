import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createLogger, loadConfig } from '../../../libs/config/src';
import { temporalLogger } from './temporal-logger';
import { CalendarStore, createDataSource } from '../../../libs/persistence/src';
import { createWorker } from './worker';

async function main() {
  const config = loadConfig();
  const log = createLogger('worker', config.logLevel);
  // SDK and core logs go through the same JSON logger as ours.
  Runtime.install({
    logger: temporalLogger(log),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
  });
  const dataSource = await createDataSource(config.databaseUrl, { applicationName: 'jiuzhu-worker' }).initialize();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const calendarStore = new CalendarStore(dataSource);
  const worker = await createWorker(config, { dataSource, calendar: () => calendarStore.calendar() }, connection);
  log.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace }, 'worker started');
  // Runtime's default shutdown signals (SIGINT, SIGTERM) drain the worker; run() resolves when it is done.
  await worker.run();
  await connection.close();
  await dataSource.destroy();
  log.info('worker stopped');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
