/** Applicant categories of Art. 5 (codes as in DOMAIN.md). */
export const CATEGORIES = [
  'EXTREME_POOR', // 特困供养人员、孤儿 Art. 5(1)1
  'DIBAO', // 最低生活保障对象 Art. 5(1)1
  'LOW_INCOME', // 低收入家庭成员 Art. 5(1)2
  'POVERTY_RELIEF', // 精准扶贫重点帮扶对象 Art. 5(1)3
  'ILLNESS_POVERTY', // 因病致贫家庭重病患者 Art. 5(2)
  'OTHER_HARDSHIP', // 其他特殊困难人员 Art. 5(3)
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Kinds of medical costs: Art. 9(1) covers outpatient and inpatient costs for the key groups, Art. 9(2)
 * only inpatient costs for poverty due to illness; "门诊特定项目" (specified outpatient items) count
 * for the burden test of Art. 5(2) and, for POVERTY_RELIEF, the 特定病种门诊 of Art. 9 last paragraph.
 */
export const BILL_KINDS = ['INPATIENT', 'SPECIFIED_OUTPATIENT', 'OUTPATIENT'] as const;
export type BillKind = (typeof BILL_KINDS)[number];
