import type { NoticeKind, PublicNotice } from '../../../../libs/domain/src';
import type { NoticeRecord } from '../../../../libs/persistence/src';

/**
 * The documents a case produces, as the `notices` read model records them (libs/domain NOTICE_KINDS), with
 * their title and text. Public notices (Art. 15(3), 15(7), Art. 16) carry only the applicant's name, household
 * size and the proposed amount — never an ID number, address, diagnosis or income (政府信息公开保密审查).
 */
export interface NoticeDocument {
  kind: NoticeKind;
  audience: 'PUBLIC' | 'APPLICANT';
  sequence: number;
  issuedAt: string;
  titleZh: string;
  /** Public notices: exactly the three fields Art. 15(7) allows. */
  publicContent?: PublicNotice;
  textZh: string;
}

export function noticeDocument(caseId: string, notice: NoticeRecord): NoticeDocument {
  const base = { kind: notice.kind as NoticeKind, sequence: notice.sequence, issuedAt: notice.issuedAt };
  // The content the projector recorded for this kind (libs/persistence case-projector.ts).
  const c = notice.content as Record<string, never>;
  const shown = notice.content as unknown as PublicNotice;
  switch (base.kind) {
    case 'MISSING_MATERIALS': {
      const items = (c.missingItems as string[]).map((item, i) => `${i + 1}. ${item}`).join('；');
      const clock = notice.step === 'DISTRICT_REVIEW' ? '审核时限' : '受理时限';
      return {
        ...base,
        audience: 'APPLICANT',
        titleZh: '医疗救助申请材料一次性告知书',
        textZh: `案件 ${caseId}（文书编号 ${c.noticeRef}）：您的申请材料尚不齐全，请一次性补齐以下材料：${items}。材料补齐后，${clock}重新计算。`,
      };
    }
    case 'FIRST_PUBLICITY':
    case 'SECOND_PUBLICITY': {
      const second = base.kind === 'SECOND_PUBLICITY';
      return {
        ...base,
        audience: 'PUBLIC',
        titleZh: second ? '拟救助对象公示' : '医疗救助入户调查及审核结果公示',
        publicContent: publicOnly(shown),
        textZh: publicText(shown, '公示期为5日，如有异议请向镇街或区民政部门反映。'),
      };
    }
    case 'RECIPIENTS_LIST':
      return {
        ...base,
        audience: 'PUBLIC',
        titleZh: '医疗救助对象名单公示（为期半年）',
        publicContent: publicOnly(shown),
        textZh: publicText(shown, '依据《实施办法》第十六条，公示期为半年。'),
      };
    case 'APPROVAL':
      return {
        ...base,
        audience: 'APPLICANT',
        titleZh: '医疗救助审批决定通知书',
        textZh: `案件 ${caseId}：经审批（决定文号 ${c.decisionRef}），同意给予医疗救助 ${c.approvedAmount} 元，救助金将拨付至指定银行账户。`,
      };
    case 'REFUSAL':
      return {
        ...base,
        audience: 'APPLICANT',
        titleZh: '不予医疗救助书面告知书',
        textZh: `案件 ${caseId}（文书编号 ${c.noticeRef}）：经审核，您的申请不符合医疗救助条件，理由如下：${(c.reasons as string[]).join('；')}。`,
      };
    case 'TERMINATION':
      return {
        ...base,
        audience: 'APPLICANT',
        titleZh: '终止办理医疗救助申请告知书',
        textZh: `案件 ${caseId}：${c.zh}`,
      };
  }
}

/** Copies the three allowed fields by name, so nothing else can slip into a public notice. */
function publicOnly(notice: PublicNotice): PublicNotice {
  return {
    applicantName: notice.applicantName,
    householdSize: notice.householdSize,
    proposedAmount: notice.proposedAmount,
  };
}

function publicText(notice: PublicNotice, tail: string): string {
  const amount = notice.proposedAmount ? `，拟救助金额 ${notice.proposedAmount} 元` : '';
  return `申请人 ${notice.applicantName}，家庭人口 ${notice.householdSize} 人${amount}。${tail}`;
}
