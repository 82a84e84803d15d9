import type { DataSource } from 'typeorm';
import { createProbeActivities } from './probe.activities';

export interface ActivityDependencies {
  dataSource: DataSource;
}

/** All activities of the worker, built from their dependencies (so tests can pass a real test database). */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createProbeActivities(deps),
  };
}
export type Activities = ReturnType<typeof createActivities>;
