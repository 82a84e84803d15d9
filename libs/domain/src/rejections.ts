import { ROLE_TERMS, type Role } from './actors';
import { COMMAND_TERMS, type CommandType } from './commands';
import type { CaseStatus } from './state';
import { STEP_DEFINITIONS, type Step } from './steps';

/**
 * A refusal to act, as a value: a stable code for programs (the API maps it to HTTP), the offending
 * field, and a message in Chinese and English saying what is wrong and how to put it right.
 */
export interface Rejection {
  code: RejectionCode;
  field?: string;
  messageZh: string;
  messageEn: string;
}

export const REJECTION_CODES = [
  'UNKNOWN_COMMAND',
  'INVALID_DATA',
  'TIME_BEFORE_LAST_EVENT',
  'CASE_NOT_FOUND',
  'CASE_ALREADY_EXISTS',
  'CASE_CLOSED',
  'ROLE_NOT_PERMITTED',
  'WRONG_TOWN',
  'CASE_SUSPENDED',
  'ACTION_NOT_ALLOWED_IN_STEP',
  'STEP_NOT_OPEN',
  'STEP_CLOCK_PAUSED',
  'DUPLICATE_MISSING_MATERIALS_NOTICE',
  'MATERIALS_OUTSTANDING',
  'NO_MATERIALS_OUTSTANDING',
  'INSUFFICIENT_INVESTIGATORS',
  'SURVEY_NOT_SIGNED',
  'WRONG_APPROVAL_AUTHORITY',
  'AMOUNT_MISMATCH',
  'AMOUNT_EXCEEDS_OUTSTANDING',
  'ALREADY_SUSPENDED',
  'NOT_SUSPENDED',
  'ALREADY_DISBURSED',
  'ALREADY_CANCELLED',
  'APPLICANT_ALREADY_DECEASED',
  'NO_B_POST',
  'DEADLINE_NOT_SET',
  'DEADLINE_ALREADY_SET',
  'DEADLINE_NOT_PROVISIONAL',
  'EXTENSION_NOT_LATER',
  'PERIOD_NOT_ELAPSED',
  'NOT_YET_OVERDUE',
  'SYSTEM_DECIDED_FIELD',
  'OVERRIDE_REASON_REQUIRED',
  'PUBLICITY_PERIOD_OVER',
  'NO_HEIR_AWAITED',
  'HEIR_NOT_NAMED',
  'HEIR_WAIT_NOT_OVER',
  'EXTENSION_NOT_ALLOWED',
  'EXTENSION_TOO_LONG',
  'SUSPENSION_GROUND_NOT_LISTED',
  'SUSPENSION_GROUND_NOT_FOR_CATEGORY',
  // Issue 15: verification requests to the departments (built in verification.ts).
  'VERIFICATION_NOT_FOUND',
  'VERIFICATION_NOT_OPEN',
  'VERIFICATION_AUTHORISATION_REQUIRED',
  'VERIFICATION_ALREADY_REQUESTED',
  'WRONG_DEPARTMENT',
  'VERIFICATIONS_OPEN',
  'VERIFICATION_ALREADY_REMINDED',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

const cmd = (type: CommandType) => COMMAND_TERMS[type];
const stepZh = (step: Step) => STEP_DEFINITIONS[step].termZh;
const stepEn = (step: Step) => STEP_DEFINITIONS[step].termEn;
const rolesZh = (roles: readonly Role[]) => roles.map((role) => ROLE_TERMS[role].zh).join('、');
const rolesEn = (roles: readonly Role[]) => roles.map((role) => ROLE_TERMS[role].en).join(' or ');

const STATUS_ZH: Record<CaseStatus, string> = {
  NEW: '未登记',
  OPEN: '办理中',
  APPROVED: '已审批',
  PAID: '已拨付',
  RECOVERING: '追回中',
  CLOSED: '已办结',
  REJECTED: '不予救助',
  WITHDRAWN: '已撤回',
  TERMINATED: '已终止',
  CANCELLED: '已取消救助',
};

export const reject = {
  unknownCommand: (type: unknown): Rejection => ({
    code: 'UNKNOWN_COMMAND',
    field: 'type',
    messageZh: `无法识别的操作“${String(type)}”，请从允许的操作列表中选择。`,
    messageEn: `Unknown command "${String(type)}"; choose one of the allowed actions.`,
  }),
  invalidData: (field: string, whatZh: string, whatEn: string): Rejection => ({
    code: 'INVALID_DATA',
    field,
    messageZh: `“${field}”填写有误：${whatZh}`,
    messageEn: `Field "${field}" is invalid: ${whatEn}`,
  }),
  timeBeforeLastEvent: (at: string, last: string): Rejection => ({
    code: 'TIME_BEFORE_LAST_EVENT',
    field: 'at',
    messageZh: `操作时间 ${at} 早于本案最后一条记录的时间 ${last}；请使用当前时间重新提交。`,
    messageEn: `The command time ${at} is earlier than the case's last record at ${last}; resubmit with the current time.`,
  }),
  caseNotFound: (type: CommandType): Rejection => ({
    code: 'CASE_NOT_FOUND',
    messageZh: `尚未登记申请，不能“${cmd(type).zh}”；请先登记申请。`,
    messageEn: `No application has been submitted, so "${cmd(type).en}" is not possible; submit the application first.`,
  }),
  caseAlreadyExists: (caseId: string): Rejection => ({
    code: 'CASE_ALREADY_EXISTS',
    field: 'caseId',
    messageZh: `案件 ${caseId} 已登记，不能重复登记；请在原案件中继续办理。`,
    messageEn: `Case ${caseId} is already submitted; continue it instead of submitting again.`,
  }),
  caseClosed: (type: CommandType, status: CaseStatus): Rejection => ({
    code: 'CASE_CLOSED',
    messageZh: `案件已结束（${STATUS_ZH[status]}），不能再“${cmd(type).zh}”；如需救助请重新申请。`,
    messageEn: `The case has ended (${status}); "${cmd(type).en}" is no longer possible. A new application is needed.`,
  }),
  roleNotPermitted: (type: CommandType, role: Role, allowed: readonly Role[]): Rejection => ({
    code: 'ROLE_NOT_PERMITTED',
    field: 'actor.role',
    messageZh: `${ROLE_TERMS[role].zh}不能“${cmd(type).zh}”；此操作由${rolesZh(allowed) || '他人'}办理。`,
    messageEn: `A ${ROLE_TERMS[role].en} may not ${cmd(type).en}; this is done by the ${rolesEn(allowed) || 'someone else'}.`,
  }),
  wrongTown: (caseTown: string, actorTown: string | undefined): Rejection => ({
    code: 'WRONG_TOWN',
    field: 'actor.town',
    messageZh: `本案属于${caseTown}，您所属的是${actorTown ?? '未知镇街'}；只能办理本镇街的案件，请转交${caseTown}经办人员。`,
    messageEn: `This case belongs to ${caseTown} and you are in ${actorTown ?? 'no town'}; caseworkers act only on their own town's cases — pass it to ${caseTown}.`,
  }),
  caseSuspended: (type: CommandType): Rejection => ({
    code: 'CASE_SUSPENDED',
    messageZh: `案件已暂停救助（第二十条），暂停期间不能“${cmd(type).zh}”；请先恢复办理。`,
    messageEn: `The case is suspended (Art. 20); "${cmd(type).en}" must wait until it is resumed.`,
  }),
  notAllowedInStep: (type: CommandType, current: Step | null, expected: readonly Step[]): Rejection => ({
    code: 'ACTION_NOT_ALLOWED_IN_STEP',
    messageZh: `当前环节为“${current ? stepZh(current) : '无'}”，不能“${cmd(type).zh}”；此操作只能在“${expected.map(stepZh).join('、')}”环节进行。`,
    messageEn: `The case is at ${current ? stepEn(current) : 'no open step'}; "${cmd(type).en}" is only possible at ${expected.map(stepEn).join(' or ')}.`,
  }),
  stepNotOpen: (step: Step): Rejection => ({
    code: 'STEP_NOT_OPEN',
    field: 'data.step',
    messageZh: `“${stepZh(step)}”环节当前未在办理中；请选择正在办理的环节。`,
    messageEn: `The ${stepEn(step)} step is not open; choose a step that is in progress.`,
  }),
  stepClockPaused: (step: Step): Rejection => ({
    code: 'STEP_CLOCK_PAUSED',
    field: 'data.step',
    messageZh: `“${stepZh(step)}”环节正在等待补正材料或已暂停，计时暂停；待计时恢复后再操作。`,
    messageEn: `The clock of ${stepEn(step)} is paused (awaiting materials or suspension); act after it restarts.`,
  }),
  duplicateMissingMaterialsNotice: (issuedAt: string): Rejection => ({
    code: 'DUPLICATE_MISSING_MATERIALS_NOTICE',
    messageZh: `本案已于 ${issuedAt} 一次性告知需补正的全部材料，按一次性告知制不得再次告知；请受理或不予受理。`,
    messageEn: `All missing materials were already notified at ${issuedAt}; the one-time notice rule forbids a second notice. Accept or refuse the application.`,
  }),
  materialsOutstanding: (outstanding: string[]): Rejection => ({
    code: 'MATERIALS_OUTSTANDING',
    messageZh: `仍缺材料：${outstanding.join('、')}；请待申请人补齐后再受理，或作出不予受理决定。`,
    messageEn: `Materials still missing: ${outstanding.join(', ')}; accept once they are supplied, or refuse.`,
  }),
  noMaterialsOutstanding: (): Rejection => ({
    code: 'NO_MATERIALS_OUTSTANDING',
    messageZh: '本案没有待补正的材料；如材料齐全请直接受理。',
    messageEn: 'No materials are outstanding; accept the application if it is complete.',
  }),
  insufficientInvestigators: (count: number): Rejection => ({
    code: 'INSUFFICIENT_INVESTIGATORS',
    field: 'data.investigatorIds',
    messageZh: `入户调查人员只有 ${count} 名不同人员，每组调查人员不得少于2人（第十五条第二项）；请补录调查人员。`,
    messageEn: `Only ${count} distinct investigator(s); Art. 15(2) requires at least 2 per team. Add the other investigator.`,
  }),
  surveyNotSigned: (missing: string[]): Rejection => ({
    code: 'SURVEY_NOT_SIGNED',
    field: 'data.survey',
    messageZh: `家庭经济状况调查表缺少签字：${missing.join('、')}；调查人员和申请人须分别签字（第十五条第二项）。`,
    messageEn: `The household economic survey lacks signatures of: ${missing.join(', ')}; investigators and applicant must each sign (Art. 15(2)).`,
  }),
  wrongApprovalAuthority: (required: Role): Rejection => ({
    code: 'WRONG_APPROVAL_AUTHORITY',
    field: 'actor.role',
    messageZh: `按第十七条，本案救助金额应由${ROLE_TERMS[required].zh}审批；请提交有权审批人。`,
    messageEn: `Under Art. 17 this amount must be decided by the ${ROLE_TERMS[required].en}; send it to them.`,
  }),
  amountMismatch: (field: string, given: string, expected: string): Rejection => ({
    code: 'AMOUNT_MISMATCH',
    field,
    messageZh: `金额 ${given} 与核准金额 ${expected} 不一致；如需改变金额，须重新审核并公示。`,
    messageEn: `Amount ${given} differs from the approved/proposed ${expected}; a different amount needs a new review and publicity.`,
  }),
  amountExceedsOutstanding: (given: string, outstanding: string): Rejection => ({
    code: 'AMOUNT_EXCEEDS_OUTSTANDING',
    field: 'data.amount',
    messageZh: `追回金额 ${given} 超过尚待追回的 ${outstanding}；请核对金额。`,
    messageEn: `Recovered amount ${given} exceeds the outstanding ${outstanding}; check the amount.`,
  }),
  alreadySuspended: (since: string): Rejection => ({
    code: 'ALREADY_SUSPENDED',
    messageZh: `案件自 ${since} 起已暂停，无需再次暂停。`,
    messageEn: `The case has been suspended since ${since}; no need to suspend again.`,
  }),
  notSuspended: (): Rejection => ({
    code: 'NOT_SUSPENDED',
    messageZh: '案件未暂停，无需恢复。',
    messageEn: 'The case is not suspended; there is nothing to resume.',
  }),
  alreadyDisbursed: (type: CommandType): Rejection => ({
    code: 'ALREADY_DISBURSED',
    messageZh: `救助金已拨付，不能“${cmd(type).zh}”；如发现骗取救助，请按第三十五条取消并追回。`,
    messageEn: `Aid has already been paid, so "${cmd(type).en}" is not possible; for fraud use Art. 35 (report fraud).`,
  }),
  alreadyCancelled: (): Rejection => ({
    code: 'ALREADY_CANCELLED',
    messageZh: '本案已因骗取救助被取消；请登记追回情况。',
    messageEn: 'The case is already cancelled for fraud; record the recovery instead.',
  }),
  applicantAlreadyDeceased: (dateOfDeath: string): Rejection => ({
    code: 'APPLICANT_ALREADY_DECEASED',
    messageZh: `已登记申请人于 ${dateOfDeath} 死亡，不能重复登记。`,
    messageEn: `The applicant's death on ${dateOfDeath} is already recorded.`,
  }),
  noBPost: (step: Step): Rejection => ({
    code: 'NO_B_POST',
    field: 'data.toStaffId',
    messageZh: `“${stepZh(step)}”环节未设B岗；请指定代办人员（toStaffId）。`,
    messageEn: `No B post is set for ${stepEn(step)}; name the stand-in (toStaffId).`,
  }),
  deadlineNotSet: (step: Step): Rejection => ({
    code: 'DEADLINE_NOT_SET',
    field: 'data.step',
    messageZh: `“${stepZh(step)}”环节尚未登记办结时限；请等待系统计算时限后再操作。`,
    messageEn: `No deadline is recorded yet for ${stepEn(step)}; wait until the system records it.`,
  }),
  deadlineAlreadySet: (step: Step, dueDate: string): Rejection => ({
    code: 'DEADLINE_ALREADY_SET',
    field: 'data.step',
    messageZh: `“${stepZh(step)}”环节时限已登记为 ${dueDate}；如节假日安排更新请用“重算暂定时限”，延期须由区领导批准。`,
    messageEn: `The deadline of ${stepEn(step)} is already ${dueDate}; use RecomputeDeadline for calendar updates or ExtendDeadline (leader).`,
  }),
  deadlineNotProvisional: (step: Step): Rejection => ({
    code: 'DEADLINE_NOT_PROVISIONAL',
    field: 'data.step',
    messageZh: `“${stepZh(step)}”环节时限依据已公布的节假日安排计算，不是暂定时限，不能重算。`,
    messageEn: `The deadline of ${stepEn(step)} was computed on a published calendar and is not provisional; it cannot be recomputed.`,
  }),
  extensionNotLater: (current: string, requested: string): Rejection => ({
    code: 'EXTENSION_NOT_LATER',
    field: 'data.newDueDate',
    messageZh: `延期后的日期 ${requested} 须晚于当前时限 ${current}；请重新选择日期。`,
    messageEn: `The extended date ${requested} must be after the current due date ${current}; choose a later date.`,
  }),
  periodNotElapsed: (step: Step, dueAt: string): Rejection => ({
    code: 'PERIOD_NOT_ELAPSED',
    messageZh: `“${stepZh(step)}”期限至 ${dueAt} 届满，尚未期满；请在期满后再操作。`,
    messageEn: `The ${stepEn(step)} period runs until ${dueAt}; it has not elapsed yet.`,
  }),
  notYetOverdue: (step: Step, dueAt: string): Rejection => ({
    code: 'NOT_YET_OVERDUE',
    field: 'data.kind',
    messageZh: `“${stepZh(step)}”环节时限为 ${dueAt}，尚未超期，不能催办。`,
    messageEn: `${stepEn(step)} is due at ${dueAt} and not overdue yet; no 催办 is possible.`,
  }),
  systemDecidedField: (field: string, whatZh: string, whatEn: string): Rejection => ({
    code: 'SYSTEM_DECIDED_FIELD',
    field,
    messageZh: `${field} 由系统根据登记的事实、政策和本系统记录决定，不能由人填写：${whatZh}请删除该字段后重新提交。`,
    messageEn: `${field} is decided by the system from the recorded facts, the policy and its own records, never typed: ${whatEn} Remove it and send the request again.`,
  }),
  publicityPeriodOver: (step: Step, dueAt: string): Rejection => ({
    code: 'PUBLICITY_PERIOD_OVER',
    messageZh: `“${stepZh(step)}”公示期已于 ${dueAt} 届满，不再受理异议；如有新情况，请按举报或重新调查程序处理。`,
    messageEn: `The ${stepEn(step)} period ended at ${dueAt}; objections are no longer accepted. Handle new information as a report or through re-investigation.`,
  }),
  noHeirAwaited: (): Rejection => ({
    code: 'NO_HEIR_AWAITED',
    messageZh: '本案没有待登记的法定继承人（申请人未报死亡，或继承人已登记）。',
    messageEn: 'This case awaits no legal heir (no death reported, or the heir is already named).',
  }),
  heirNotNamed: (type: CommandType): Rejection => ({
    code: 'HEIR_NOT_NAMED',
    messageZh: `申请人已死亡，救助金由法定继承人领取（第二十二条）；请先登记法定继承人，再${cmd(type).zh}。`,
    messageEn: `The applicant has died and the aid goes to the legal heir (Art. 22); name the heir before you ${cmd(type).en}.`,
  }),
  heirWaitNotOver: (dueAt: string): Rejection => ({
    code: 'HEIR_WAIT_NOT_OVER',
    messageZh: `等待法定继承人申领的期限至 ${dueAt} 届满，尚未期满。`,
    messageEn: `The wait for a legal heir runs until ${dueAt}; it has not ended yet.`,
  }),
  extensionNotAllowed: (step: Step, allowed: readonly Step[]): Rejection => ({
    code: 'EXTENSION_NOT_ALLOWED',
    field: 'data.step',
    messageZh: `政策不允许延长“${stepZh(step)}”的时限${
      allowed.length ? `；可延期的环节：${allowed.map(stepZh).join('、')}` : '；本政策版本不允许延期'
    }。公示期和救助名单公示期不得延长。`,
    messageEn: `The policy does not allow extending ${stepEn(step)}${
      allowed.length
        ? `; extendable steps: ${allowed.map(stepEn).join(', ')}`
        : '; this policy version allows no extension'
    }. Publicity periods and the recipients list are never extended.`,
  }),
  extensionTooLong: (step: Step, latest: string, maxDays: number): Rejection => ({
    code: 'EXTENSION_TOO_LONG',
    field: 'data.newDueDate',
    messageZh: `“${stepZh(step)}”最多可在法定时限后延长 ${maxDays} 日，即不晚于 ${latest}；请选择该日或更早的日期。`,
    messageEn: `${stepEn(step)} may be extended by at most ${maxDays} days past its statutory due date, i.e. to ${latest} at the latest; choose that date or an earlier one.`,
  }),
  suspensionGroundNotListed: (
    given: unknown,
    grounds: readonly { code: string; zh: string; en: string; article: string }[],
  ): Rejection => ({
    code: 'SUSPENSION_GROUND_NOT_LISTED',
    field: 'data.ground',
    messageZh: `${typeof given === 'string' && given ? `“${given}”不是` : '须注明'}政策列明的暂停事由；可选：${
      grounds.map((g) => `${g.code}（${g.zh}，${g.article}）`).join('；') || '无'
    }。`,
    messageEn: `${typeof given === 'string' && given ? `"${given}" is not` : 'Give'} one of the suspension grounds the policy lists: ${
      grounds.map((g) => `${g.code} (${g.en}, ${g.article})`).join('; ') || 'none'
    }.`,
  }),
  suspensionGroundNotForCategory: (
    ground: { code: string; zh: string; en: string; article: string; categories?: readonly string[] },
    category: string | null,
  ): Rejection => ({
    code: 'SUSPENSION_GROUND_NOT_FOR_CATEGORY',
    field: 'data.ground',
    messageZh: `暂停事由 ${ground.code}（${ground.zh}，${ground.article}）只适用于 ${(ground.categories ?? []).join('、')} 类救助对象，本案为 ${category ?? '未登记类别'}，不能据此暂停。`,
    messageEn: `The suspension ground ${ground.code} (${ground.en}, ${ground.article}) applies only to ${(ground.categories ?? []).join(', ')} cases; this case is ${category ?? 'of no category'}, so it cannot be suspended on it.`,
  }),
  overrideReasonRequired: (step: Step, assessed: boolean, failed: readonly string[]): Rejection => ({
    code: 'OVERRIDE_REASON_REQUIRED',
    field: 'data.overrideReason',
    messageZh: `按登记的家庭经济状况事实，规则认定申请人${assessed ? '符合' : '不符合'}救助条件${failed.length ? `（未满足：${failed.join('、')}）` : ''}；“${stepZh(step)}”作出相反结论须在 overrideReason 中说明理由，该理由将记录并纳入督查。`,
    messageEn: `On the recorded household facts the rules find the applicant ${assessed ? 'eligible' : 'not eligible'}${failed.length ? ` (criteria not met: ${failed.join(', ')})` : ''}; a ${stepEn(step)} concluding otherwise must give its reason in overrideReason, which is recorded and shown to supervisors.`,
  }),
};
