export { createDataSource, runMigrations, entities, migrations } from './data-source';
export { ProbeRunEntity } from './entities/probe-run.entity';
export { CaseEventEntity } from './entities/case-event.entity';
export {
  EventStore,
  HistoryConflictError,
  type NewEvent,
  type StoredEvent,
  type Projector,
  type AppendResult,
  type ChainBreak,
} from './event-store/event-store';
