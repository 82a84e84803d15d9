/**
 * The notices a case produces — one vocabulary for the read model that records them and the API that shows
 * them. Public notices (Art. 15(3), 15(7), Art. 16) carry only the applicant's name, household size and the
 * proposed amount (政府信息公开保密审查); the others go to the applicant (or the household) alone.
 */
export const NOTICE_KINDS = [
  'MISSING_MATERIALS', // 一次性告知书 (town at acceptance, or the district in its review)
  'FIRST_PUBLICITY', // 第一次公示
  'SECOND_PUBLICITY', // 第二次公示
  'APPROVAL', // 救助审批决定
  'REFUSAL', // 不予救助书面告知
  'RECIPIENTS_LIST', // 救助名单公示
  'TERMINATION', // 终止办理告知 (Art. 22: no heir came forward)
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const PUBLIC_NOTICE_KINDS: readonly NoticeKind[] = [
  'FIRST_PUBLICITY',
  'SECOND_PUBLICITY',
  'RECIPIENTS_LIST',
];
