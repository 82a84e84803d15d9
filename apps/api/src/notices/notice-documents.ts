import type { CaseEvent, PublicNotice } from '../../../../libs/domain/src';

/**
 * The documents a case produces, generated from its events. Public notices (Art. 15(3), 15(7), Art. 16)
 * carry only the applicant's name, household size and the proposed amount — never an ID number, address,
 * diagnosis or income (政府信息公开保密审查). Written notices go to the applicant alone.
 */
export type NoticeKind =
  | 'MISSING_MATERIALS' // 一次性告知书
  | 'FIRST_PUBLICITY' // 第一次公示
  | 'SECOND_PUBLICITY' // 第二次公示
  | 'APPROVAL' // 救助审批决定
  | 'REFUSAL' // 不予救助书面告知
  | 'RECIPIENTS_LIST'; // 救助名单公示

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

interface SequencedEvent {
  sequence: number;
  event: CaseEvent;
}

export function noticesFromEvents(caseId: string, events: SequencedEvent[]): NoticeDocument[] {
  const docs: NoticeDocument[] = [];
  for (const { sequence, event } of events) {
    const base = { sequence, issuedAt: event.at };
    switch (event.type) {
      case 'MaterialsRequested':
        docs.push({
          ...base,
          kind: 'MISSING_MATERIALS',
          audience: 'APPLICANT',
          titleZh: '医疗救助申请材料一次性告知书',
          textZh:
            `案件 ${caseId}（文书编号 ${event.data.noticeRef}）：您的申请材料尚不齐全，请一次性补齐以下材料：` +
            event.data.missingItems.map((item, i) => `${i + 1}. ${item}`).join('；') +
            '。材料补齐后，受理时限重新计算。',
        });
        break;
      case 'PublicityStarted':
        docs.push({
          ...base,
          kind: event.data.step === 'SECOND_NOTICE' ? 'SECOND_PUBLICITY' : 'FIRST_PUBLICITY',
          audience: 'PUBLIC',
          titleZh: event.data.step === 'SECOND_NOTICE' ? '拟救助对象公示' : '医疗救助入户调查及审核结果公示',
          publicContent: publicOnly(event.data.notice),
          textZh: publicText(event.data.notice, '公示期为5日，如有异议请向镇街或区民政部门反映。'),
        });
        break;
      case 'RecipientsListPublished':
        docs.push({
          ...base,
          kind: 'RECIPIENTS_LIST',
          audience: 'PUBLIC',
          titleZh: '医疗救助对象名单公示（为期半年）',
          publicContent: publicOnly(event.data.notice),
          textZh: publicText(event.data.notice, '依据《实施办法》第十六条，公示期为半年。'),
        });
        break;
      case 'ApplicationApproved':
        docs.push({
          ...base,
          kind: 'APPROVAL',
          audience: 'APPLICANT',
          titleZh: '医疗救助审批决定通知书',
          textZh: `案件 ${caseId}：经审批（决定文号 ${event.data.decisionRef}），同意给予医疗救助 ${event.data.approvedAmount} 元，救助金将拨付至指定银行账户。`,
        });
        break;
      case 'WrittenNoticeIssued':
        docs.push({
          ...base,
          kind: 'REFUSAL',
          audience: 'APPLICANT',
          titleZh: '不予医疗救助书面告知书',
          textZh: `案件 ${caseId}（文书编号 ${event.data.noticeRef}）：经审核，您的申请不符合医疗救助条件，理由如下：${event.data.reasons.join('；')}。`,
        });
        break;
      default:
        break;
    }
  }
  return docs;
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
