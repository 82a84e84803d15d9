import { calculate, type CalculationResult } from '../src';
import { bill, calcInput, outOfScopeBill, selfPaidBill, type Raw, ZERO_YTD } from './fixtures';

/**
 * Worked examples computed by hand from the articles (figures in yuan). Each row gives the expected
 * components; `child`, `rehab` default to 0.00. The comment on each row is the hand calculation.
 */
interface Expect {
  total: string;
  basic?: string;
  secondary?: string;
  child?: string;
  rehab?: string;
  authority?: 'DISTRICT_CIVIL_AFFAIRS_BUREAU' | 'DISTRICT_LEADER';
  lines?: string[]; // components of the breakdown lines, in order
}
type Row = [name: string, input: Raw, expect: Expect];

const ytd = (over: Raw): Raw => ({ ...ZERO_YTD, ...over });

const rows: Row[] = [
  // --- Art. 9 rates per category: inpatient 10,000 compliant, insurance 7,000 → self-paid 3,000
  [
    'Art. 9(1)1 EXTREME_POOR 100%',
    calcInput({ category: 'EXTREME_POOR', bills: [bill()] }),
    // 3000 × 100% = 3000; self-paid after aid 0 < 2000
    { total: '3000.00', basic: '3000.00', secondary: '0.00' },
  ],
  [
    'Art. 9(1)2 DIBAO 90%',
    calcInput({ category: 'DIBAO', bills: [bill()] }),
    // 3000 × 90% = 2700; after aid 300 < 2000
    { total: '2700.00', basic: '2700.00', secondary: '0.00' },
  ],
  [
    'Art. 9(1)3 LOW_INCOME 70%',
    calcInput({ category: 'LOW_INCOME', bills: [bill()] }),
    { total: '2100.00', basic: '2100.00', secondary: '0.00' },
  ],
  [
    'Art. 9(2) ILLNESS_POVERTY 70% inpatient',
    calcInput({ category: 'ILLNESS_POVERTY', bills: [bill()] }),
    { total: '2100.00', basic: '2100.00', secondary: '0.00' },
  ],
  [
    'Art. 9(2) OTHER_HARDSHIP 70% inpatient',
    calcInput({ category: 'OTHER_HARDSHIP', bills: [bill()] }),
    { total: '2100.00', basic: '2100.00', secondary: '0.00' },
  ],
  [
    'Art. 9 last para. POVERTY_RELIEF (parameter 90%)',
    calcInput({ category: 'POVERTY_RELIEF', bills: [bill()] }),
    { total: '2700.00', basic: '2700.00', secondary: '0.00' },
  ],
  [
    'Art. 9(2) outpatient not covered for ILLNESS_POVERTY; Art. 10 still counts it',
    calcInput({ category: 'ILLNESS_POVERTY', bills: [selfPaidBill('3000.00', { kind: 'OUTPATIENT' })] }),
    // basic 0; after aid 3000 ≥ 2000 → 80% = 2400
    {
      total: '2400.00',
      basic: '0.00',
      secondary: '2400.00',
      lines: ['NOT_COVERED', 'BASIC_AID', 'SECONDARY_AID'],
    },
  ],
  [
    'Art. 9(2) specified outpatient not covered for OTHER_HARDSHIP',
    calcInput({
      category: 'OTHER_HARDSHIP',
      bills: [selfPaidBill('3000.00', { kind: 'SPECIFIED_OUTPATIENT' })],
    }),
    { total: '2400.00', basic: '0.00', secondary: '2400.00' },
  ],
  [
    'Art. 8(1), 9(1)3 outpatient covered for LOW_INCOME',
    calcInput({ category: 'LOW_INCOME', bills: [selfPaidBill('3000.00', { kind: 'OUTPATIENT' })] }),
    // 3000 × 70% = 2100; after 900
    { total: '2100.00', basic: '2100.00', secondary: '0.00' },
  ],
  [
    'POVERTY_RELIEF general outpatient outside the city scheme parameter',
    calcInput({ category: 'POVERTY_RELIEF', bills: [selfPaidBill('3000.00', { kind: 'OUTPATIENT' })] }),
    { total: '2400.00', basic: '0.00', secondary: '2400.00' },
  ],
  [
    'Art. 9 all five deductions (insurance ×4 and designated donations)',
    calcInput({
      category: 'DIBAO',
      bills: [
        bill({
          totalCost: '20000.00',
          compliantCost: '20000.00',
          reimbursements: {
            basicInsurance: '8000.00',
            criticalIllnessInsurance: '3000.00',
            supplementaryInsurance: '2000.00',
            commercialInsurance: '1500.00',
            designatedDonations: '500.00',
          },
        }),
      ],
    }),
    // self 20000 − 15000 = 5000 → 4500; after 500
    { total: '4500.00', basic: '4500.00', secondary: '0.00' },
  ],

  // --- Annual caps of Art. 9, cumulative per person and calendar year
  [
    'Art. 9(1)1 cap 120,000 reached in one application',
    calcInput({
      category: 'EXTREME_POOR',
      bills: [
        bill({
          totalCost: '200000.00',
          compliantCost: '200000.00',
          reimbursements: { basicInsurance: '70000.00' },
        }),
      ],
    }),
    // self 130000 × 100% = 130000 → cap 120000; after 10000 → 8000; total 128000 > 80000 → leader
    { total: '128000.00', basic: '120000.00', secondary: '8000.00', authority: 'DISTRICT_LEADER' },
  ],
  [
    'Art. 9(1)1 cap with 119,000 already paid this year',
    calcInput({ category: 'EXTREME_POOR', yearToDate: ytd({ basicAidPaid: '119000.00' }), bills: [bill()] }),
    // room 1000; after 3000 − 1000 = 2000 → exactly 2000 → 1600
    { total: '2600.00', basic: '1000.00', secondary: '1600.00' },
  ],
  [
    'Art. 9(1)2 cap exactly used up already: room 0',
    calcInput({
      category: 'DIBAO',
      yearToDate: ytd({ basicAidPaid: '100000.00' }),
      bills: [selfPaidBill('5000.00')],
    }),
    // basic 0; after 5000 → 4000
    { total: '4000.00', basic: '0.00', secondary: '4000.00' },
  ],
  [
    'Art. 9(1)2 raw amount exactly equal to the cap',
    calcInput({ category: 'DIBAO', bills: [selfPaidBill('111111.11')] }),
    // 111111.11 × 0.9 = 99999.999 → 100000.00 (= cap); after 11111.11 × 0.8 = 8888.888 → 8888.89
    { total: '108888.89', basic: '100000.00', secondary: '8888.89', authority: 'DISTRICT_LEADER' },
  ],
  [
    'Art. 9(1)3 cap 80,000 and Art. 10 cap 30,000 both bind',
    calcInput({ category: 'LOW_INCOME', bills: [selfPaidBill('120000.00')] }),
    // 84000 → 80000; after 40000 × 0.8 = 32000 → 30000
    { total: '110000.00', basic: '80000.00', secondary: '30000.00', authority: 'DISTRICT_LEADER' },
  ],
  [
    'Art. 9(2) cap 80,000 with 79,000 already paid',
    calcInput({
      category: 'ILLNESS_POVERTY',
      yearToDate: ytd({ basicAidPaid: '79000.00' }),
      bills: [selfPaidBill('10000.00')],
    }),
    // 7000 → room 1000; after 9000 → 7200
    { total: '8200.00', basic: '1000.00', secondary: '7200.00' },
  ],

  // --- Art. 10 secondary aid: 在2000元或以上 (inclusive), 80%, 30,000 a year
  [
    'Art. 10 exactly 2,000 after aid qualifies',
    calcInput({ category: 'DIBAO', bills: [selfPaidBill('20000.00')] }),
    // 18000; after 2000 → 1600
    { total: '19600.00', basic: '18000.00', secondary: '1600.00' },
  ],
  [
    'Art. 10 1,999.99 after aid does not qualify',
    calcInput({ category: 'DIBAO', bills: [selfPaidBill('19999.90')] }),
    // 19999.90 × 0.9 = 17999.91; after 1999.99
    { total: '17999.91', basic: '17999.91', secondary: '0.00' },
  ],
  [
    'Art. 10 costs outside the insurance scope count (含政策范围外)',
    calcInput({
      category: 'EXTREME_POOR',
      bills: [
        bill({
          totalCost: '12000.00',
          compliantCost: '10000.00',
          reimbursements: { basicInsurance: '10000.00' },
        }),
      ],
    }),
    // basic 0; out of scope 2000 → 1600
    { total: '1600.00', basic: '0.00', secondary: '1600.00' },
  ],
  [
    'Art. 10 year total reaches 2,000 with an earlier application',
    calcInput({
      category: 'DIBAO',
      yearToDate: ytd({ selfPaidAfterAid: '1500.00' }),
      bills: [selfPaidBill('5000.00')],
    }),
    // 4500; after 500; year 2000 → 1600
    { total: '6100.00', basic: '4500.00', secondary: '1600.00' },
  ],
  [
    'Art. 10 pays the year figure less what was already paid',
    calcInput({
      category: 'DIBAO',
      yearToDate: ytd({ selfPaidAfterAid: '3000.00', secondaryAidPaid: '2400.00' }),
      bills: [outOfScopeBill('1000.00')],
    }),
    // year 4000 × 0.8 = 3200 − 2400 = 800
    { total: '800.00', basic: '0.00', secondary: '800.00' },
  ],
  [
    'Art. 10 annual cap with 29,000 already paid',
    calcInput({
      category: 'DIBAO',
      yearToDate: ytd({ selfPaidAfterAid: '40000.00', secondaryAidPaid: '29000.00' }),
      bills: [outOfScopeBill('1000.00')],
    }),
    // year 41000 × 0.8 = 32800 → 30000 − 29000 = 1000
    { total: '1000.00', basic: '0.00', secondary: '1000.00' },
  ],
  [
    'Art. 10 annual cap already exhausted',
    calcInput({
      category: 'DIBAO',
      yearToDate: ytd({ selfPaidAfterAid: '50000.00', secondaryAidPaid: '30000.00' }),
      bills: [outOfScopeBill('1000.00')],
    }),
    { total: '0.00', basic: '0.00', secondary: '0.00' },
  ],
  [
    'Art. 10 80% of 37,500 is exactly the 30,000 cap',
    calcInput({ category: 'DIBAO', bills: [outOfScopeBill('37500.00')] }),
    { total: '30000.00', basic: '0.00', secondary: '30000.00' },
  ],
  [
    'Art. 11 household costs combined reach the Art. 10 threshold',
    calcInput({
      category: 'DIBAO',
      householdOthers: { membersTreated: 1, selfPaidAfterAid: '500.00' },
      bills: [outOfScopeBill('1500.00')],
    }),
    // 1500 + 500 = 2000 ≥ 2000 → 80% of the applicant's 1500 = 1200
    { total: '1200.00', basic: '0.00', secondary: '1200.00' },
  ],
  [
    'Art. 11 household costs combined stay below the threshold',
    calcInput({
      category: 'DIBAO',
      householdOthers: { membersTreated: 1, selfPaidAfterAid: '499.99' },
      bills: [outOfScopeBill('1500.00')],
    }),
    { total: '0.00', basic: '0.00', secondary: '0.00' },
  ],

  // --- Rounding half-up to the fen, once per component
  [
    'rounding: 0.01 × 70% = 0.007 → 0.01',
    calcInput({ category: 'LOW_INCOME', bills: [selfPaidBill('0.01')] }),
    { total: '0.01', basic: '0.01', secondary: '0.00' },
  ],
  [
    'rounding: 0.15 × 70% = 0.105 → 0.11 (half-up, not half-even)',
    calcInput({ category: 'LOW_INCOME', bills: [selfPaidBill('0.15')] }),
    { total: '0.11', basic: '0.11', secondary: '0.00' },
  ],
  [
    'rounding once over several bills: (0.01 + 0.01) × 70% = 0.014 → 0.01',
    calcInput({ category: 'LOW_INCOME', bills: [selfPaidBill('0.01'), selfPaidBill('0.01')] }),
    { total: '0.01', basic: '0.01', secondary: '0.00' },
  ],
  [
    'rounding: 2.95 × 90% = 2.655 → 2.66 (a float gives 2.65)',
    calcInput({ category: 'DIBAO', bills: [selfPaidBill('2.95')] }),
    { total: '2.66', basic: '2.66', secondary: '0.00' },
  ],

  // --- Art. 12 children 0–14 inclusive, acute leukaemia / congenital heart disease, 20% of limited costs
  [
    'Art. 12 child exactly 14 on the treatment date',
    calcInput({
      category: 'DIBAO',
      applicant: { birthDate: '2005-03-01', insured: true },
      bills: [
        bill({
          totalCost: '100000.00',
          compliantCost: '100000.00',
          reimbursements: { basicInsurance: '70000.00' },
          childSpecialDisease: { disease: 'ACUTE_LEUKAEMIA', limitedCost: '100000.00' },
        }),
      ],
    }),
    // child 20000; self 30000 − 20000 = 10000 × 90% = 9000; after 1000
    {
      total: '29000.00',
      child: '20000.00',
      basic: '9000.00',
      secondary: '0.00',
      lines: ['CHILD_SPECIAL_DISEASE', 'BASIC_AID', 'SECONDARY_AID'],
    },
  ],
  [
    'Art. 12 newborn (0 years) with congenital heart disease, ILLNESS_POVERTY',
    calcInput({
      category: 'ILLNESS_POVERTY',
      applicant: { birthDate: '2019-01-10', insured: true },
      bills: [
        bill({
          date: '2019-02-01',
          totalCost: '50000.00',
          compliantCost: '50000.00',
          reimbursements: { basicInsurance: '30000.00' },
          childSpecialDisease: { disease: 'CONGENITAL_HEART_DISEASE', limitedCost: '40000.00' },
        }),
      ],
    }),
    // child 8000; self 12000 × 70% = 8400; after 3600 × 80% = 2880
    { total: '19280.00', child: '8000.00', basic: '8400.00', secondary: '2880.00' },
  ],
  [
    'Art. 12 + Art. 21 uninsured child on the notional insured basis',
    calcInput({
      category: 'EXTREME_POOR',
      applicant: { birthDate: '2010-05-05', insured: false },
      bills: [
        bill({
          totalCost: '50000.00',
          compliantCost: '50000.00',
          reimbursements: {},
          notionalInsurancePayment: '35000.00',
          childSpecialDisease: { disease: 'ACUTE_LEUKAEMIA', limitedCost: '50000.00' },
        }),
      ],
    }),
    // child 10000; self 50000 − 35000 − 10000 = 5000 × 100%
    {
      total: '15000.00',
      child: '10000.00',
      basic: '5000.00',
      secondary: '0.00',
      lines: ['UNINSURED_BASIS', 'CHILD_SPECIAL_DISEASE', 'BASIC_AID', 'SECONDARY_AID'],
    },
  ],
  [
    'Art. 12 rounding of the 20% share: 333.33 × 20% = 66.666 → 66.67',
    calcInput({
      category: 'EXTREME_POOR',
      applicant: { birthDate: '2010-05-05', insured: true },
      bills: [
        bill({
          totalCost: '333.33',
          compliantCost: '333.33',
          reimbursements: { basicInsurance: '233.33' },
          childSpecialDisease: { disease: 'ACUTE_LEUKAEMIA', limitedCost: '333.33' },
        }),
      ],
    }),
    // child 66.67; self 100 − 66.67 = 33.33 × 100%
    { total: '100.00', child: '66.67', basic: '33.33', secondary: '0.00' },
  ],

  // --- Art. 9(3) severe mental illness rehabilitation: DIBAO / LOW_INCOME, grades 1–3
  [
    'Art. 9(3) actual cost below 8,000',
    calcInput({
      category: 'LOW_INCOME',
      mentalRehab: { grade: 1, actualCost: '7999.99', consecutivePriorYears: 0 },
    }),
    { total: '7999.99', basic: '0.00', secondary: '0.00', rehab: '7999.99' },
  ],
  [
    'Art. 9(3) actual cost exactly 8,000',
    calcInput({
      category: 'DIBAO',
      mentalRehab: { grade: 3, actualCost: '8000.00', consecutivePriorYears: 0 },
    }),
    { total: '8000.00', rehab: '8000.00' },
  ],
  [
    'Art. 9(3) actual cost above 8,000 is capped',
    calcInput({
      category: 'DIBAO',
      mentalRehab: { grade: 2, actualCost: '12000.00', consecutivePriorYears: 0 },
    }),
    { total: '8000.00', rehab: '8000.00' },
  ],
  [
    'Art. 9(3) grade 4 is not severe',
    calcInput({
      category: 'DIBAO',
      mentalRehab: { grade: 4, actualCost: '5000.00', consecutivePriorYears: 0 },
    }),
    { total: '0.00', rehab: '0.00' },
  ],
  [
    'Art. 9(3) second consecutive year is allowed',
    calcInput({
      category: 'DIBAO',
      mentalRehab: { grade: 1, actualCost: '6000.00', consecutivePriorYears: 1 },
    }),
    { total: '6000.00', rehab: '6000.00' },
  ],
  [
    'Art. 9(3) third consecutive year is refused (连续不超过两次)',
    calcInput({
      category: 'DIBAO',
      mentalRehab: { grade: 1, actualCost: '6000.00', consecutivePriorYears: 2 },
    }),
    { total: '0.00', rehab: '0.00' },
  ],
  [
    'Art. 9(3) once a year',
    calcInput({
      category: 'LOW_INCOME',
      yearToDate: ytd({ mentalRehabPaid: '500.00' }),
      mentalRehab: { grade: 1, actualCost: '6000.00', consecutivePriorYears: 0 },
    }),
    { total: '0.00', rehab: '0.00' },
  ],

  // --- Art. 19 exclusions, removed with the reason
  [
    'Art. 19(4) third-party liable bill removed, the other aided',
    calcInput({
      category: 'DIBAO',
      bills: [
        selfPaidBill('1000.00'),
        selfPaidBill('5000.00', { exclusion: { reason: 'THIRD_PARTY_LIABLE' } }),
      ],
    }),
    // 1000 × 90% = 900; after 100
    {
      total: '900.00',
      basic: '900.00',
      secondary: '0.00',
      lines: ['EXCLUDED', 'BASIC_AID', 'SECONDARY_AID'],
    },
  ],
  [
    'Art. 19(3) self-harm by a person with a mental disorder is aided',
    calcInput({
      category: 'DIBAO',
      bills: [selfPaidBill('1000.00', { exclusion: { reason: 'SELF_HARM', mentalDisorder: true } })],
    }),
    { total: '900.00', basic: '900.00', lines: ['BASIC_AID', 'SECONDARY_AID'] },
  ],
  [
    'Art. 19(3) self-harm otherwise removed',
    calcInput({
      category: 'DIBAO',
      bills: [selfPaidBill('1000.00', { exclusion: { reason: 'SELF_HARM' } })],
    }),
    { total: '0.00', basic: '0.00' },
  ],
  [
    'Art. 19(1) informal provider removed, also from Art. 10',
    calcInput({
      category: 'DIBAO',
      bills: [outOfScopeBill('5000.00', { exclusion: { reason: 'INFORMAL_PROVIDER' } })],
    }),
    { total: '0.00', basic: '0.00', secondary: '0.00' },
  ],
  [
    'Art. 19(2) own unlawful act removed',
    calcInput({
      category: 'ILLNESS_POVERTY',
      bills: [selfPaidBill('9000.00', { exclusion: { reason: 'OWN_UNLAWFUL_ACT' } })],
    }),
    { total: '0.00' },
  ],
  [
    'Art. 19(5) other legal exclusion removed',
    calcInput({
      category: 'LOW_INCOME',
      bills: [selfPaidBill('9000.00', { exclusion: { reason: 'OTHER_LEGAL_EXCLUSION' } })],
    }),
    { total: '0.00' },
  ],
  [
    'Art. 13 special regime removed from this calculation',
    calcInput({
      category: 'LOW_INCOME',
      bills: [selfPaidBill('9000.00', { exclusion: { reason: 'SPECIAL_REGIME' } })],
    }),
    { total: '0.00' },
  ],

  // --- Art. 21 uninsured applicants
  [
    'Art. 21 uninsured ILLNESS_POVERTY: notional insurance payment deducted',
    calcInput({
      category: 'ILLNESS_POVERTY',
      applicant: { birthDate: '1960-01-01', insured: false },
      bills: [
        bill({
          totalCost: '30000.00',
          compliantCost: '30000.00',
          reimbursements: {},
          notionalInsurancePayment: '18000.00',
        }),
      ],
    }),
    // self 12000 × 70% = 8400; after 3600 × 80% = 2880 (the notional 18000 is not self-paid for Art. 10)
    { total: '11280.00', basic: '8400.00', secondary: '2880.00' },
  ],

  // --- Art. 17 approval authority on the application's total
  [
    'Art. 17 ILLNESS_POVERTY exactly 50,000 → bureau (含5万元)',
    calcInput({
      category: 'ILLNESS_POVERTY',
      bills: [bill({ totalCost: '53750.00', compliantCost: '50000.00', reimbursements: {} })],
    }),
    // basic 35000; after 15000 + 3750 = 18750 × 80% = 15000; total 50000
    {
      total: '50000.00',
      basic: '35000.00',
      secondary: '15000.00',
      authority: 'DISTRICT_CIVIL_AFFAIRS_BUREAU',
    },
  ],
  [
    'Art. 17 ILLNESS_POVERTY 50,000.01 → district leader',
    calcInput({
      category: 'ILLNESS_POVERTY',
      bills: [bill({ totalCost: '53750.01', compliantCost: '50000.00', reimbursements: {} })],
    }),
    // after 18750.01 × 80% = 15000.008 → 15000.01
    { total: '50000.01', basic: '35000.00', secondary: '15000.01', authority: 'DISTRICT_LEADER' },
  ],
  [
    'Art. 17 EXTREME_POOR exactly 80,000 → bureau (含8万元)',
    calcInput({ category: 'EXTREME_POOR', bills: [selfPaidBill('80000.00')] }),
    { total: '80000.00', basic: '80000.00', secondary: '0.00', authority: 'DISTRICT_CIVIL_AFFAIRS_BUREAU' },
  ],
  [
    'Art. 17 EXTREME_POOR 80,000.01 → district leader',
    calcInput({ category: 'EXTREME_POOR', bills: [selfPaidBill('80000.01')] }),
    { total: '80000.01', basic: '80000.01', authority: 'DISTRICT_LEADER' },
  ],
  [
    'Art. 17 LOW_INCOME 94,000 → district leader',
    calcInput({ category: 'LOW_INCOME', bills: [selfPaidBill('100000.00')] }),
    // 70000; after 30000 × 80% = 24000
    { total: '94000.00', basic: '70000.00', secondary: '24000.00', authority: 'DISTRICT_LEADER' },
  ],
];

function check(r: CalculationResult, e: Expect): void {
  expect(r.total).toBe(e.total);
  if (e.basic !== undefined) expect(r.components.basicAid).toBe(e.basic);
  if (e.secondary !== undefined) expect(r.components.secondaryAid).toBe(e.secondary);
  expect(r.components.childSpecialDisease).toBe(e.child ?? '0.00');
  expect(r.components.mentalRehab).toBe(e.rehab ?? '0.00');
  if (e.authority) expect(r.approval.authority).toBe(e.authority);
  if (e.lines) expect(r.explanation.lines.map((l) => l.component)).toEqual(e.lines);
  expect(r.explanation.total).toBe(r.total);
}

describe('worked examples: amounts (Art. 9–13, 17, 19, 21)', () => {
  it('has at least 40 hand-computed rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });
  test.each(rows)('%s', (_name, input, e) => {
    check(calculate(input), e);
  });
});

describe('explanation content', () => {
  it('cites the article, the rate, the cap and the input figures on the basic-aid line', () => {
    const r = calculate(
      calcInput({
        category: 'LOW_INCOME',
        yearToDate: ytd({ basicAidPaid: '79000.00' }),
        bills: [selfPaidBill('10000.00')],
      }),
    );
    const line = r.explanation.lines.find((l) => l.component === 'BASIC_AID')!;
    expect(line).toMatchObject({
      article: 'Art. 9(1)3',
      rate: '70%',
      cap: '80000.00',
      amount: '1000.00',
      inputs: {
        compliantSelfPaid: '10000.00',
        alreadyPaidThisYear: '79000.00',
        remainingAnnualRoom: '1000.00',
      },
    });
    expect(line.textZh).toContain('年度累计限额');
    expect(line.textEn).toContain('annual cap');
  });

  it('names the reason and article of an excluded bill', () => {
    const r = calculate(
      calcInput({
        bills: [selfPaidBill('700.00', { id: 'X1', exclusion: { reason: 'THIRD_PARTY_LIABLE' } })],
      }),
    );
    expect(r.explanation.lines[0]).toMatchObject({
      component: 'EXCLUDED',
      article: 'Art. 19(4)',
      billId: 'X1',
      amount: '0.00',
    });
    expect(r.bills[0]!.excluded).toEqual({ reason: 'THIRD_PARTY_LIABLE', article: 'Art. 19(4)' });
  });

  it('returns the year-to-date figures for the next application', () => {
    const first = calculate(calcInput({ category: 'DIBAO', bills: [selfPaidBill('15000.00')] }));
    // 13500 basic; after 1500 < 2000
    expect(first.yearToDateAfter).toEqual({
      basicAidPaid: '13500.00',
      secondaryAidPaid: '0.00',
      selfPaidAfterAid: '1500.00',
      mentalRehabPaid: '0.00',
    });
    const second = calculate(
      calcInput({ category: 'DIBAO', yearToDate: first.yearToDateAfter, bills: [selfPaidBill('5000.00')] }),
    );
    // 4500 basic; after 500; year 2000 → 1600
    expect(second.components).toMatchObject({ basicAid: '4500.00', secondaryAid: '1600.00' });
    expect(second.yearToDateAfter.secondaryAidPaid).toBe('1600.00');
  });

  it('splitting the year into applications pays the same as one application', () => {
    const whole = calculate(
      calcInput({ category: 'LOW_INCOME', bills: [selfPaidBill('90000.00'), selfPaidBill('60000.00')] }),
    );
    const a = calculate(calcInput({ category: 'LOW_INCOME', bills: [selfPaidBill('90000.00')] }));
    const b = calculate(
      calcInput({ category: 'LOW_INCOME', yearToDate: a.yearToDateAfter, bills: [selfPaidBill('60000.00')] }),
    );
    expect(b.yearToDateAfter.basicAidPaid).toBe(whole.yearToDateAfter.basicAidPaid);
    expect(b.yearToDateAfter.secondaryAidPaid).toBe(whole.yearToDateAfter.secondaryAidPaid);
  });
});
