export * from './actors';
export * from './commands';
export * from './events';
export * from './steps';
export * from './state';
export * from './rejections';
export * from './procedure';
export * from './verification';
export { decide, type Decision } from './decide';
export { evolve, foldEvents } from './evolve';
export { allowedActions, caseSummary, type CaseSummary } from './queries';
export { caseDecider, type Decider } from './decider';
export {
  isMoney,
  MONEY_PATTERN,
  toFen,
  fromFen,
  normaliseMoney,
  isIsoDate,
  isIsoInstant,
  endOfDayShanghai,
} from './formats';
export { DEFAULT_URGE_FLAG_THRESHOLD } from './handlers/intake';
export { MIN_INVESTIGATORS } from './handlers/town';
export { requestProblem } from './requests';
export {
  COMMAND_BODIES,
  MAX,
  bodyProblem,
  commandDataProblem,
  type Audience,
  type BodySpec,
  type Field,
  type Fields,
  type Shape,
  type Variants,
} from './bodies';
export {
  decideWithFollowUps,
  recomputeProvisionalDeadlines,
  isRemindable,
  chaseVerifications,
  overdueRequests,
  urgeOverdueVerifications,
  type FollowUpOptions,
  type FollowUpPorts,
  type ActionOutcome,
} from './follow-ups';
export * from './notices';
