import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CaseEventEntity } from './entities/case-event.entity';
import { CalendarChangeEntity } from './entities/calendar-change.entity';
import { ProbeRunEntity } from './entities/probe-run.entity';
import { Foundation1763856000000 } from './migrations/1763856000000-foundation';
import { EventStore1763856100000 } from './migrations/1763856100000-event-store';
import { Calendar1763856200000 } from './migrations/1763856200000-calendar';
import { Calculations1763856300000 } from './migrations/1763856300000-calculations';
import { ReadModels1763856400000 } from './migrations/1763856400000-read-models';
import { Idempotency1763856500000 } from './migrations/1763856500000-idempotency';
import { SupervisionIndexes1763856600000 } from './migrations/1763856600000-supervision-indexes';
import { Notifications1763856700000 } from './migrations/1763856700000-notifications';
import { OpenStepTotals1763856800000 } from './migrations/1763856800000-open-step-totals';
import { OpenStepDueDays1763856900000 } from './migrations/1763856900000-open-step-due-days';
import { MoneyFromRecords1764400000000 } from './migrations/1764400000000-money-from-records';
import { AccessLog1764500000000 } from './migrations/1764500000000-access-log';
import { StepCompletionTotals1764600000000 } from './migrations/1764600000000-step-completion-totals';
import { PolicyVersions1764650000000 } from './migrations/1764650000000-policy-versions';
import { ProcessByTheLetter1764700000000 } from './migrations/1764700000000-process-by-the-letter';
import { HouseholdVerification1764760000000 } from './migrations/1764760000000-household-verification';

import { OneNoticeVocabulary1764800000000 } from './migrations/1764800000000-one-notice-vocabulary';
import { OpenStepNetTotals1764850000000 } from './migrations/1764850000000-open-step-net-totals';
import { CalendarChangeNotify1764900000000 } from './migrations/1764900000000-calendar-change-notify';
// Listed explicitly rather than globbed, so the same code works from TypeScript sources (tests) and from
// the compiled dist/ tree. The schema only ever changes through these migrations: no `synchronize`.
export const entities = [ProbeRunEntity, CaseEventEntity, CalendarChangeEntity];
export const migrations = [
  Foundation1763856000000,
  EventStore1763856100000,
  Calendar1763856200000,
  Calculations1763856300000,
  ReadModels1763856400000,
  Idempotency1763856500000,
  SupervisionIndexes1763856600000,
  Notifications1763856700000,
  OpenStepTotals1763856800000,
  OpenStepDueDays1763856900000,
  MoneyFromRecords1764400000000,
  AccessLog1764500000000,
  StepCompletionTotals1764600000000,
  PolicyVersions1764650000000,
  ProcessByTheLetter1764700000000,
  HouseholdVerification1764760000000,
  OneNoticeVocabulary1764800000000,
  OpenStepNetTotals1764850000000,
  CalendarChangeNotify1764900000000,
];

export function createDataSource(url: string, options: { applicationName?: string; poolSize?: number } = {}) {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    applicationName: options.applicationName ?? 'jiuzhu',
    extra: { max: options.poolSize ?? 10 },
  });
}

/** Applies every pending migration; returns the names of those applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, { applicationName: 'jiuzhu-migrate', poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
