import { reject, type Rejection } from './rejections';
import type { CaseState } from './state';

/**
 * What a person may send (issue 10: never take from a person a figure the system knows or must decide).
 * The workflow fills these fields in from the rules and its own records before the decider sees the
 * command; a request that carries them is refused before anything happens. Cases registered before issue
 * 10 (`systemDecides` false) keep the old contract.
 */
const SYSTEM_DECIDED: Partial<Record<string, Record<string, readonly [string, string]>>> = {
  RecordInvestigation: {
    eligibility: [
      '资格由规则依据 household 中登记的事实认定。',
      'eligibility is decided by the rules from the facts in household.',
    ],
  },
  RecordDistrictReview: {
    proposedAmount: [
      '金额由规则依据 calculation 计算。',
      'the amount is computed by the rules from calculation.',
    ],
    breakdownRef: ['计算明细由系统保存并编号。', 'the breakdown is stored and numbered by the system.'],
    approvalAuthority: [
      '审批权限按第十七条由金额决定。',
      'the approval authority follows from the amount (Art. 17).',
    ],
    eligibility: [
      '资格由规则依据 household 中登记的事实认定。',
      'eligibility is decided by the rules from the facts in household.',
    ],
  },
  RecordReInvestigation: {
    proposedAmount: [
      '金额由规则依据 calculation 计算。',
      'the amount is computed by the rules from calculation.',
    ],
    breakdownRef: ['计算明细由系统保存并编号。', 'the breakdown is stored and numbered by the system.'],
    approvalAuthority: [
      '审批权限按第十七条由金额决定。',
      'the approval authority follows from the amount (Art. 17).',
    ],
  },
};

export function requestProblem(state: CaseState, type: string, data: unknown): Rejection | null {
  if (!state.systemDecides) return null;
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  for (const [field, [zh, en]] of Object.entries(SYSTEM_DECIDED[type] ?? {})) {
    if (d[field] !== undefined) return reject.systemDecidedField(`data.${field}`, zh, en);
  }
  if (type === 'RecordInvestigation' && !isRecord(d.household)) {
    return reject.invalidData(
      'data.household',
      '请登记家庭经济状况事实（住所、近12个月家庭可支配收入、成员、资产、医疗费用）及每项事实的来源和核实日期。',
      'record the household facts (residence, disposable income of the last 12 months, members, assets, medical costs) with the source and verification date of each.',
    );
  }
  if (type === 'RecordDistrictReview' && d.eligible === true && !isRecord(d.calculation)) {
    return reject.invalidData(
      'data.calculation',
      '认定符合条件时须提交费用计算输入（calculation），金额和审批权限由系统计算。',
      'an eligible review must carry the calculation input; the amount and approval authority are computed by the system.',
    );
  }
  if (type === 'RecordDistrictReview' && !state.eligibility && !isRecord(d.household)) {
    return reject.invalidData(
      'data.household',
      '本案尚无资格认定（直接审核路径，第十四条）：请在 household 中登记家庭事实及来源，由系统认定资格。',
      'this case has no eligibility assessment yet (direct route, Art. 14): record the household facts with their sources in household.',
    );
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
