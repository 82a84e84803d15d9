import type { PolicyVersion } from './types';

/**
 * 新会区困难群众医疗救助实施办法 (2018-09-29), in force 2018-10-01 for 3 years (Art. 39).
 * Every figure below is quoted from the measures unless marked PARAMETER: those the measures leave open,
 * chosen as a district civil-affairs bureau would expect and listed in `parametersToConfirm`.
 */
export const XINHUI_2018: PolicyVersion = {
  id: 'xinhui-2018',
  titleZh: '新会区困难群众医疗救助实施办法',
  titleEn: 'Xinhui District measures on medical aid for people in difficulty',
  effectiveFrom: '2018-10-01',
  // Art. 39 "有效期为3年": 2018-10-01 … 2021-09-30 inclusive.
  effectiveTo: '2021-09-30',

  // PARAMETER — CONFIRM WITH THE BUREAU: the Xinhui/Jiangmen urban-rural 低保 standard in force in
  // 2018 is not in the measures. 800 yuan/person/month is a plausible figure for Jiangmen after the
  // 2018 "两线合一" reform (江府〔2018〕6号); Art. 6's limit M is 12 × this = 9,600 yuan.
  dibaoMonthlyStandard: '800.00',

  basicAid: {
    // Art. 9(1)1 特困供养人员和孤儿 100%, 年度累计最高 12 万元; Art. 8(1) brings all their outpatient costs in.
    EXTREME_POOR: {
      rate: '1',
      annualCap: '120000.00',
      coveredKinds: ['INPATIENT', 'SPECIFIED_OUTPATIENT', 'OUTPATIENT'],
      article: 'Art. 9(1)1',
    },
    // Art. 9(1)2 最低生活保障对象 90%, 10 万元.
    DIBAO: {
      rate: '0.9',
      annualCap: '100000.00',
      coveredKinds: ['INPATIENT', 'SPECIFIED_OUTPATIENT', 'OUTPATIENT'],
      article: 'Art. 9(1)2',
    },
    // Art. 9(1)3 低收入家庭成员 70%, 8 万元.
    LOW_INCOME: {
      rate: '0.7',
      annualCap: '80000.00',
      coveredKinds: ['INPATIENT', 'SPECIFIED_OUTPATIENT', 'OUTPATIENT'],
      article: 'Art. 9(1)3',
    },
    // PARAMETER — CONFIRM: Art. 9 last paragraph sends 精准扶贫 inpatient and 特定病种门诊 costs to the
    // city scheme 江人社发〔2017〕16号, whose figures are not in the measures. Provisionally the DIBAO
    // figures (90%, 100,000) since these households are handled like the key groups (Art. 14).
    POVERTY_RELIEF: {
      rate: '0.9',
      annualCap: '100000.00',
      coveredKinds: ['INPATIENT', 'SPECIFIED_OUTPATIENT'],
      article: 'Art. 9 last para. (江人社发〔2017〕16号, parameter)',
      toConfirm: true,
    },
    // Art. 9(2) 因病致贫家庭重病患者和其他特殊困难人员: 合规住院医疗费用 70%, 8 万元 — inpatient only.
    ILLNESS_POVERTY: {
      rate: '0.7',
      annualCap: '80000.00',
      coveredKinds: ['INPATIENT'],
      article: 'Art. 9(2)',
    },
    OTHER_HARDSHIP: { rate: '0.7', annualCap: '80000.00', coveredKinds: ['INPATIENT'], article: 'Art. 9(2)' },
  },

  // Art. 10: 年度内救助后自负医疗费用（含政策范围外）在2000元或以上的，给予80%，年最高限额3万元.
  secondaryAid: {
    threshold: '2000.00',
    rate: '0.8',
    annualCap: '30000.00',
    // "医疗救助对象" of Art. 10 are all categories of Art. 5; POVERTY_RELIEF included pending confirmation.
    categories: [
      'EXTREME_POOR',
      'DIBAO',
      'LOW_INCOME',
      'POVERTY_RELIEF',
      'ILLNESS_POVERTY',
      'OTHER_HARDSHIP',
    ],
    article: 'Art. 10',
  },

  // Art. 12: 0—14周岁（含14周岁）儿童 急性白血病、先天性心脏病 限定医疗费用，医疗救助基金救助20%.
  // "参加基本医疗保险的": an uninsured child is aided on the notional insured basis of Art. 21.
  childSpecialDisease: {
    maxAgeInclusive: 14,
    rate: '0.2',
    diseases: ['ACUTE_LEUKAEMIA', 'CONGENITAL_HEART_DISEASE'],
    article: 'Art. 12',
  },

  // Art. 9(3): 最低生活保障对象、低收入家庭成员 重症（一至三级）精神病人，每年一次，原则上连续不超过两次，
  // 每次一个疗程（三个月），每人每年不超过8000元，按实际结算金额.
  mentalRehab: {
    categories: ['DIBAO', 'LOW_INCOME'],
    grades: [1, 2, 3],
    annualCap: '8000.00',
    maxConsecutiveYears: 2,
    courseMonths: 3,
    article: 'Art. 9(3)',
  },

  eligibility: {
    residence: {
      // Art. 5(1) 收入型贫困 限于本区户籍人口.
      EXTREME_POOR: 'REGISTERED_ONLY',
      DIBAO: 'REGISTERED_ONLY',
      LOW_INCOME: 'REGISTERED_ONLY',
      POVERTY_RELIEF: 'REGISTERED_ONLY',
      // Art. 5(2) 本区户籍人口和居住满半年以上的持我区居住证的常住人口.
      ILLNESS_POVERTY: 'REGISTERED_OR_PERMIT',
      // PARAMETER — CONFIRM: Art. 5(3) is silent; treated like Art. 5(2), the other 支出型 route.
      OTHER_HARDSHIP: 'REGISTERED_OR_PERMIT',
    },
    minResidenceMonths: 6,
    burdenRatio: '0.6',
    burdenCategories: ['ILLNESS_POVERTY'],
    // Art. 6 opening words: 因病致贫家庭重病患者和其他特殊困难人员.
    propertyCategories: ['ILLNESS_POVERTY', 'OTHER_HARDSHIP'],
    propertyMonths: 12,
    maxHomes: 1,
    vehicles: {
      alwaysExempt: ['DISABILITY_SCOOTER', 'MOTORCYCLE', 'TRICYCLE'],
      lightTruckMinAgeYears: 5,
      lightTruckMaxLitres: '1.6',
      minibusMaxLitres: '1.4',
      // PARAMETER — CONFIRM: read as in DOMAIN.md (the minibus needs only ≤ 1.4 L); see README.
      minibusRequiresLivelihoodAndAge: false,
    },
    adultAge: 18,
    clergyApartYears: 3,
  },

  approvalThresholds: {
    // Art. 17: 重点医疗救助对象和低收入家庭成员 8万元以内（含8万元）区民政部门审批.
    EXTREME_POOR: '80000.00',
    DIBAO: '80000.00',
    LOW_INCOME: '80000.00',
    // PARAMETER — CONFIRM: Art. 17 does not name 精准扶贫 households; they follow the key groups' route
    // (Art. 14), so the 80,000 threshold.
    POVERTY_RELIEF: '80000.00',
    // Art. 17: 因病致贫家庭重病患者和其他特殊困难人员 5万元以内（含5万元）.
    ILLNESS_POVERTY: '50000.00',
    OTHER_HARDSHIP: '50000.00',
  },

  periods: {
    acceptance: { unit: 'workingDays', count: 5, basis: 'parameter (Art. 15(1) sets no period)' },
    investigation: { unit: 'workingDays', count: 10, basis: 'Art. 15(2)' },
    townReview: { unit: 'workingDays', count: 3, basis: 'Art. 15(3)' },
    firstNotice: { unit: 'calendarDays', count: 5, basis: 'Art. 15(3)' },
    democraticReview: { unit: 'workingDays', count: 10, basis: 'parameter (Art. 15(4) sets no period)' },
    submission: { unit: 'workingDays', count: 3, basis: 'Art. 15(4)' },
    districtReview: { unit: 'workingDays', count: 5, basis: 'Art. 15(6)' },
    secondNotice: { unit: 'calendarDays', count: 5, basis: 'Art. 15(7)' },
    reinvestigation: { unit: 'workingDays', count: 20, basis: 'Art. 15(8) para. 2' },
    approval: { unit: 'workingDays', count: 3, basis: 'Art. 15(8)' },
    fundsRequest: { unit: 'workingDays', count: 5, basis: 'Art. 15(8)' },
    disbursement: { unit: 'workingDays', count: 3, basis: 'Art. 15(8)' },
    recipientsList: { unit: 'months', count: 6, basis: 'Art. 16' },
    refusalNotice: { unit: 'workingDays', count: 3, basis: 'Art. 15(5), 15(8) para. 2' },
    reminderLead: { unit: 'workingDays', count: 2, basis: 'parameter (督查督办 reminders)' },
    calendarDayHolidayExtension: true,
  },

  parametersToConfirm: [
    'dibaoMonthlyStandard 800.00 yuan/person/month (Art. 6 limit M = 12 × standard = 9,600.00)',
    'POVERTY_RELIEF basic aid 90% / 100,000 on inpatient and specified outpatient costs (city scheme 江人社发〔2017〕16号)',
    'POVERTY_RELIEF approval threshold 80,000 (Art. 17 does not name the category)',
    'OTHER_HARDSHIP residence rule: registered or residence permit ≥ 6 months (Art. 5(3) silent)',
    'Minibus exemption of Art. 6(3) without the livelihood/5-year condition (reading of the sentence)',
    'Acceptance period 5 working days, democratic review 10 working days, reminder lead 2 working days',
  ],
};
