import type { Actor, Post, Role } from './actors';
import type { ProcedureRules } from './procedure';
import type { Category, Period, PeriodKey, Step } from './steps';
import { VERIFICATION_COMMAND_TERMS, type VerificationCommand } from './verification';

/** Every command: imperative name, data, who, and when (ISO instant stamped by the workflow). */
export interface CommandEnvelope<T extends string, D> {
  type: T;
  data: D;
  actor: Actor;
  at: string;
}

/** Art. 17: who signs the approval. Computed by libs/rules from category and amount. */
export type ApprovalAuthority = 'DISTRICT_BUREAU' | 'DISTRICT_LEADER';

/**
 * Only what a case needs to run and to publicise (Art. 15(7): name, household size, amount). ID
 * numbers, addresses, diagnoses and incomes stay in the document store behind `personRef`.
 */
export interface ApplicantSummary {
  name: string;
  householdSize: number;
  personRef: string;
}

/** Art. 22: the legal heir who receives the aid when the applicant dies. */
export interface Heir {
  name: string;
  personRef: string;
  relation: string;
}

/** Eligibility as libs/rules decided it from the recorded facts (Arts. 5-7, 11), stored as `assessmentId`. */
export interface EligibilityOutcome {
  assessmentId: string;
  eligible: boolean;
  policyVersion: string;
  /** Criteria not met (e.g. BURDEN, DEPOSITS); empty when eligible. */
  failedCriteria: string[];
}

export type ReminderKind = 'OPENED' | 'BEFORE_DUE' | 'DUE' | 'OVERDUE';
export type FraudKind = 'FALSE_DECLARATION' | 'COERCION'; // Art. 35(1), 35(2)

export type SubmitApplication = CommandEnvelope<
  'SubmitApplication',
  {
    caseId: string;
    category: Category;
    town: string;
    applicationDate: string;
    applicant: ApplicantSummary;
    policyVersion: string;
    periods: Record<PeriodKey, Period>;
    /** AB posts by role for this case; the submitting caseworker is the town A post by default (首问责任制). */
    posts?: Partial<Record<Role, Post>>;
    /** 督查督办 四(三): flagged after this many 催办 (policy; default 3, "3次以上" includes 3). */
    urgeFlagThreshold?: number;
    /**
     * Eligibility and money are decided by the system from recorded facts and its own records (issue 10):
     * the investigation carries the household facts, reviews against the rules need a reason, amounts and
     * authority only come from a calculation. Absent in cases registered before.
     */
    systemDecides?: boolean;
    /** Issue 12: the procedure parameters of the policy version (the process by the letter). */
    procedure?: ProcedureRules;
  }
>;
export type AcceptApplication = CommandEnvelope<'AcceptApplication', { note?: string }>;
export type RequestMissingMaterials = CommandEnvelope<
  'RequestMissingMaterials',
  { missingItems: string[]; noticeRef: string }
>;
export type SupplyMaterials = CommandEnvelope<'SupplyMaterials', { suppliedItems: string[] }>;
export type RecordInvestigation = CommandEnvelope<
  'RecordInvestigation',
  {
    investigatorIds: string[];
    visitedOn: string;
    survey: { ref: string; signedByInvestigatorIds: string[]; signedByApplicant: boolean };
    findings: string;
    /** The household facts with their sources (libs/rules `parseHouseholdFacts`); kept with the assessment. */
    household?: unknown;
    /** Filled in by the system: eligibility decided from `household` (never sent by a person). */
    eligibility?: EligibilityOutcome;
  }
>;
export type RecordTownReview = CommandEnvelope<
  'RecordTownReview',
  { eligible: boolean; opinion: string; overrideReason?: string }
>;
export type RaiseObjection = CommandEnvelope<
  'RaiseObjection',
  { objector: string; summary: string; evidenceRefs: string[]; evidenceValid: boolean }
>;
export type RecordDemocraticReview = CommandEnvelope<
  'RecordDemocraticReview',
  { eligible: boolean; conclusion: string; participants: string[]; heldOn: string }
>;
export type SubmitToDistrict = CommandEnvelope<'SubmitToDistrict', { materialsRef: string }>;
export type RecordDistrictReview = CommandEnvelope<
  'RecordDistrictReview',
  | {
      eligible: true;
      proposedAmount: string;
      breakdownRef: string;
      approvalAuthority: ApprovalAuthority;
      overrideReason?: string;
      eligibility?: EligibilityOutcome;
    }
  | { eligible: false; reasons: string[]; overrideReason?: string; eligibility?: EligibilityOutcome }
>;
export type RecordReInvestigation = CommandEnvelope<
  'RecordReInvestigation',
  | {
      approve: true;
      findings: string;
      proposedAmount?: string;
      breakdownRef?: string;
      approvalAuthority?: ApprovalAuthority;
    }
  | { approve: false; findings: string; reasons: string[] }
>;
export type Approve = CommandEnvelope<'Approve', { decisionRef: string; approvedAmount?: string }>;
export type Refuse = CommandEnvelope<'Refuse', { reasons: string[] }>;
export type RequestFunds = CommandEnvelope<'RequestFunds', { requestRef: string }>;
export type RecordDisbursement = CommandEnvelope<
  'RecordDisbursement',
  { amount: string; bankReference: string; paidOn: string }
>;
export type IssueWrittenNotice = CommandEnvelope<
  'IssueWrittenNotice',
  { noticeRef: string; deliveredOn: string }
>;
export type Withdraw = CommandEnvelope<'Withdraw', { reason: string }>;
/** `heir` null: there is no legal heir; left out (issue 12): none is known yet, the case waits for one. */
export type ReportDeath = CommandEnvelope<'ReportDeath', { dateOfDeath: string; heir?: Heir | null }>;
export type NameHeir = CommandEnvelope<'NameHeir', { heir: Heir }>;
/** `ground`: one of the policy's suspension grounds (issue 12; required for cases under a procedure). */
export type Suspend = CommandEnvelope<'Suspend', { reason: string; ground?: string }>;
export type Resume = CommandEnvelope<'Resume', { reason: string }>;
export type ReportFraud = CommandEnvelope<
  'ReportFraud',
  { kind: FraudKind; findings: string; evidenceRefs: string[] }
>;
export type RecordRecovery = CommandEnvelope<
  'RecordRecovery',
  { amount: string; reference: string; recoveredOn: string }
>;
export type Reassign = CommandEnvelope<'Reassign', { step: Step; toStaffId?: string; reason: string }>;
export type ExtendDeadline = CommandEnvelope<
  'ExtendDeadline',
  { step: Step; newDueDate: string; reason: string }
>;
export type RecordDeadline = CommandEnvelope<
  'RecordDeadline',
  { step: Step; dueDate: string; dueAt: string; provisional: boolean }
>;
export type RecomputeDeadline = CommandEnvelope<
  'RecomputeDeadline',
  { step: Step; dueDate: string; dueAt: string; provisional: boolean }
>;
export type ClosePublicityPeriod = CommandEnvelope<
  'ClosePublicityPeriod',
  { step: 'FIRST_NOTICE' | 'SECOND_NOTICE' }
>;
export type IssueReminder = CommandEnvelope<'IssueReminder', { step: Step; kind: ReminderKind }>;
export type CloseRecipientsList = CommandEnvelope<'CloseRecipientsList', Record<string, never>>;
/** Art. 22: the date by which an heir must come forward, counted by the calendar from the death report. */
export type RecordHeirDeadline = CommandEnvelope<
  'RecordHeirDeadline',
  { dueDate: string; dueAt: string; provisional: boolean }
>;
export type EndForNoHeir = CommandEnvelope<'EndForNoHeir', Record<string, never>>;

export type CaseCommand =
  | SubmitApplication
  | AcceptApplication
  | RequestMissingMaterials
  | SupplyMaterials
  | RecordInvestigation
  | RecordTownReview
  | RaiseObjection
  | RecordDemocraticReview
  | SubmitToDistrict
  | RecordDistrictReview
  | RecordReInvestigation
  | Approve
  | Refuse
  | RequestFunds
  | RecordDisbursement
  | IssueWrittenNotice
  | Withdraw
  | ReportDeath
  | NameHeir
  | Suspend
  | Resume
  | ReportFraud
  | RecordRecovery
  | Reassign
  | ExtendDeadline
  | RecordDeadline
  | RecomputeDeadline
  | ClosePublicityPeriod
  | IssueReminder
  | CloseRecipientsList
  | RecordHeirDeadline
  | EndForNoHeir
  | VerificationCommand;

export type CommandType = CaseCommand['type'];
export type CommandOf<T extends CommandType> = Extract<CaseCommand, { type: T }>;

/** The glossary of commands; also used in rejection messages. */
export const COMMAND_TERMS: Record<CommandType, { zh: string; en: string }> = {
  SubmitApplication: { zh: '登记申请', en: 'submit application' },
  AcceptApplication: { zh: '受理申请', en: 'accept application' },
  RequestMissingMaterials: { zh: '一次性告知补正材料', en: 'request missing materials (one single notice)' },
  SupplyMaterials: { zh: '补齐材料', en: 'supply materials' },
  RecordInvestigation: { zh: '录入入户调查结果', en: 'record home investigation' },
  RecordTownReview: { zh: '录入镇街审核意见', en: 'record town review opinion' },
  RaiseObjection: { zh: '登记公示异议', en: 'record an objection to a publicity notice' },
  RecordDemocraticReview: { zh: '录入民主评议结论', en: 'record democratic review' },
  SubmitToDistrict: { zh: '上报区民政部门', en: 'submit to district' },
  RecordDistrictReview: { zh: '录入区民政审核意见', en: 'record district review' },
  RecordReInvestigation: { zh: '录入重新调查核实结论', en: 'record re-investigation' },
  Approve: { zh: '审批同意', en: 'approve' },
  Refuse: { zh: '不予救助/不予受理', en: 'refuse' },
  RequestFunds: { zh: '向财政申请资金', en: 'request funds' },
  RecordDisbursement: { zh: '登记财政拨付', en: 'record disbursement' },
  IssueWrittenNotice: { zh: '送达书面告知', en: 'issue written notice' },
  Withdraw: { zh: '撤回申请', en: 'withdraw' },
  ReportDeath: { zh: '报告申请人死亡', en: 'report death of applicant' },
  NameHeir: { zh: '登记法定继承人', en: 'name the legal heir' },
  Suspend: { zh: '暂停救助', en: 'suspend' },
  Resume: { zh: '恢复办理', en: 'resume' },
  ReportFraud: { zh: '查实骗取救助', en: 'report fraud' },
  RecordRecovery: { zh: '登记追回救助金', en: 'record recovery' },
  Reassign: { zh: '转交B岗/改派', en: 'reassign (to B post)' },
  ExtendDeadline: { zh: '批准延期', en: 'extend deadline' },
  RecordDeadline: { zh: '登记办结时限', en: 'record deadline' },
  RecomputeDeadline: { zh: '重算暂定时限', en: 'recompute provisional deadline' },
  ClosePublicityPeriod: { zh: '公示期满', en: 'close publicity period' },
  IssueReminder: { zh: '发送提醒/催办', en: 'issue reminder' },
  CloseRecipientsList: { zh: '救助名单公示期满', en: 'close recipients list' },
  RecordHeirDeadline: { zh: '登记继承人申领期限', en: 'record the heir deadline' },
  EndForNoHeir: { zh: '无继承人申领，终止办理', en: 'end: no heir came forward' },
  ...VERIFICATION_COMMAND_TERMS,
};

export const COMMAND_TYPES = Object.keys(COMMAND_TERMS) as CommandType[];
