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
export { CalendarChangeEntity } from './entities/calendar-change.entity';
export { CalendarChangeFeed, CALENDAR_CHANGES_CHANNEL } from './calendar/calendar-change-feed';
export {
  CalendarStore,
  CALENDAR_TRUST_MS,
  CalendarChangeRejectedError,
  buildCalendar,
  loadBureauOverlay,
  listChanges,
  type CalendarActor,
  type CalendarChange,
  type CalendarChangeKind,
  type CalendarChangeRecord,
  type CalendarChangeIssue,
  type CalendarChangeIssueCode,
  type RecordedCalendarChange,
  type YearArrangementInput,
  type EntryInput,
  type WithdrawalInput,
} from './calendar/calendar-store';
export { CaseProjector, READ_MODEL_TABLES, shanghaiInstant } from './projections/case-projector';
export { rebuildProjections, type RebuildReport } from './projections/rebuild-projections';
export {
  findCase,
  findCaseHead,
  listCases,
  annualAidOfPerson,
  aidLedgerOfPerson,
  findOpenStepsDueBefore,
  openStepsOfCase,
  caseTimeline,
  onTimeRates,
  noticesOfCase,
  urgeCountsByAssignee,
  type CaseRecord,
  type CaseListItem,
  type CaseDueView,
  type CaseFilters,
  type CasePage,
  type OpenStepRecord,
  type OpenStepFilters,
  type TimelineEntry,
  type AidLedgerEntry,
  type OnTimeRate,
  type NoticeRecord,
} from './projections/read-models';
export { NotificationOutboxProjector, SUPERVISORS, type Channel } from './notifications/outbox-projector';
export { NotificationStore, type NotificationRow } from './notifications/notification-store';
export {
  findDueSteps,
  supervisionCounts,
  openCounts,
  dueCountsByDay,
  overdueBoard,
  urgedPeople,
  flaggedStaff,
  type SupervisionFilters,
  type DueStep,
  type DueStepPage,
  type CountDimension,
  type SupervisionCount,
  type UrgedPerson,
  type FlaggedStaff,
} from './supervision/supervision-queries';
export {
  withPersonYearLock,
  yearToDateOf,
  reserveCapUsage,
  setCapUsageStatus,
  currentOpeningBalance,
  listOpeningBalances,
  enterOpeningBalance,
  OpeningBalanceConflictError,
  ZERO_YEAR_TO_DATE,
  type YearToDateFigures,
  type YearToDateSource,
  type CapUsageStatus,
  type OpeningBalance,
} from './money/aid-records';
export {
  insertEligibilityAssessment,
  eligibilityAssessmentsOfCase,
  type EligibilityAssessment,
} from './money/eligibility-assessments';
export {
  eligibilityOverrideCounts,
  eligibilityOverrides,
  type EligibilityOverrideCount,
} from './supervision/eligibility-overrides';
export {
  appendAccessLog,
  queryAccessLog,
  type AccessLogEntry,
  type AccessLogRecord,
  type AccessLogQuery,
} from './access-log/access-log';
export {
  PolicyStore,
  PolicyStoreError,
  type PolicySource,
  type PolicyActor,
  type PolicyStatus,
  type PolicyStoreErrorCode,
  type PolicyVersionSummary,
  type PolicyVersionRecord,
} from './policies/policy-store';
export { casePolicyOf, type CasePolicy } from './policies/case-policy';
export { claimIdempotencyKey } from './idempotency/idempotency-keys';
export {
  verificationRequestById,
  verificationRequestsOfCase,
  verificationRequestsOfDepartment,
  reusableAnswer,
  verificationBoard,
  overdueVerificationRequests,
  claimVerificationImport,
  finishVerificationImport,
  type VerificationRequestRow,
  type VerificationBoardLine,
  type VerificationImportRecord,
} from './verification/verification-requests';
export { InvalidCursorError, encodeCursor, decodeCursor } from './cursor';
