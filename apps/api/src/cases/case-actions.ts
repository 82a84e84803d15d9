import type { CommandType } from '../../../../libs/domain/src';

/**
 * The HTTP actions on a case, each one workflow Update carrying one decider command. The path segment
 * is what caseworkers see in the API (POST /cases/:caseId/<action>).
 */
export const CASE_ACTIONS = {
  accept: 'AcceptApplication',
  'request-materials': 'RequestMissingMaterials',
  'supply-materials': 'SupplyMaterials',
  investigation: 'RecordInvestigation',
  'town-review': 'RecordTownReview',
  objection: 'RaiseObjection',
  'democratic-review': 'RecordDemocraticReview',
  submit: 'SubmitToDistrict',
  'district-review': 'RecordDistrictReview',
  're-investigation': 'RecordReInvestigation',
  approve: 'Approve',
  refuse: 'Refuse',
  'request-funds': 'RequestFunds',
  disbursement: 'RecordDisbursement',
  'written-notice': 'IssueWrittenNotice',
  withdraw: 'Withdraw',
  death: 'ReportDeath',
  'name-heir': 'NameHeir',
  suspend: 'Suspend',
  resume: 'Resume',
  fraud: 'ReportFraud',
  recovery: 'RecordRecovery',
  reassign: 'Reassign',
  'extend-deadline': 'ExtendDeadline',
} as const satisfies Record<string, CommandType>;

export type CaseActionPath = keyof typeof CASE_ACTIONS;
