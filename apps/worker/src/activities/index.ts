import type { DataSource } from 'typeorm';
import type { ApplicationActivities, ProbeActivities } from '../../../../workflows/src/activities-contract';
import type { WorkingDayCalendar } from '../../../../libs/calendar/src';
import { EventStore, PolicyStore, type PolicySource } from '../../../../libs/persistence/src';
import { createCalendarActivities } from './calendar.activities';
import { createEventStoreActivities } from './event-store.activities';
import { createPolicyActivities } from './policy.activities';
import { createProbeActivities } from './probe.activities';
import { createRecordActionActivities } from './record-action.activities';
import { createRulesActivities } from './rules.activities';

export interface ActivityDependencies {
  dataSource: DataSource;
  /** The working-day calendar with the bureau's current entries (cached by the caller). */
  calendar: (options?: { fresh?: boolean }) => Promise<WorkingDayCalendar>;
  eventStore?: EventStore;
  /** Published policy versions (default: the `policy_versions` table, cached; published rows never change). */
  policies?: PolicySource;
}

/** All activities of the worker, built from their dependencies (so tests can pass a real test database). */
export function createActivities(deps: ActivityDependencies) {
  const eventStore = deps.eventStore ?? new EventStore(deps.dataSource);
  const policies = deps.policies ?? new PolicyStore(deps.dataSource);
  return {
    ...createProbeActivities(deps),
    ...createPolicyActivities({ policies }),
    ...createCalendarActivities(deps),
    ...createEventStoreActivities({ eventStore }),
    ...createRulesActivities({ ...deps, policies }),
    ...createRecordActionActivities({ calendar: deps.calendar, eventStore }),
  };
}
export type Activities = ReturnType<typeof createActivities>;
// The worker implements the contract the workflows declare (workflows/src/activities-contract.ts).
void (createActivities satisfies (deps: ActivityDependencies) => ApplicationActivities & ProbeActivities);
