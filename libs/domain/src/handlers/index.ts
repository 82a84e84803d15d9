import type { CommandType } from '../commands';
import {
  extendDeadline,
  reassign,
  recordRecovery,
  nameHeir,
  reportDeath,
  reportFraud,
  resume,
  suspend,
  withdraw,
} from './anytime';
import {
  approve,
  issueWrittenNotice,
  recordDisbursement,
  recordDistrictReview,
  recordReInvestigation,
  refuseApplication,
  requestFunds,
} from './district';
import type { CommandHandler } from './handler';
import { acceptApplication, requestMissingMaterials, submitApplication, supplyMaterials } from './intake';
import {
  closePublicityPeriod,
  endForNoHeir,
  recordHeirDeadline,
  closeRecipientsList,
  issueReminder,
  recomputeDeadline,
  recordDeadline,
} from './system';
import {
  raiseObjection,
  recordDemocraticReview,
  recordInvestigation,
  recordTownReview,
  submitToDistrict,
} from './town';

/** One handler per command type; a missing entry is a compile error. */
export const HANDLERS: { [T in CommandType]: CommandHandler<T> } = {
  SubmitApplication: submitApplication,
  AcceptApplication: acceptApplication,
  RequestMissingMaterials: requestMissingMaterials,
  SupplyMaterials: supplyMaterials,
  RecordInvestigation: recordInvestigation,
  RecordTownReview: recordTownReview,
  RaiseObjection: raiseObjection,
  RecordDemocraticReview: recordDemocraticReview,
  SubmitToDistrict: submitToDistrict,
  RecordDistrictReview: recordDistrictReview,
  RecordReInvestigation: recordReInvestigation,
  Approve: approve,
  Refuse: refuseApplication,
  RequestFunds: requestFunds,
  RecordDisbursement: recordDisbursement,
  IssueWrittenNotice: issueWrittenNotice,
  Withdraw: withdraw,
  ReportDeath: reportDeath,
  NameHeir: nameHeir,
  Suspend: suspend,
  Resume: resume,
  ReportFraud: reportFraud,
  RecordRecovery: recordRecovery,
  Reassign: reassign,
  ExtendDeadline: extendDeadline,
  RecordDeadline: recordDeadline,
  RecomputeDeadline: recomputeDeadline,
  ClosePublicityPeriod: closePublicityPeriod,
  IssueReminder: issueReminder,
  CloseRecipientsList: closeRecipientsList,
  RecordHeirDeadline: recordHeirDeadline,
  EndForNoHeir: endForNoHeir,
};
