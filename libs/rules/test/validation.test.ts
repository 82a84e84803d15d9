import { calculate, eligibility, RulesValidationError, type RulesErrorCode } from '../src';
import {
  bill,
  calcInput,
  eligInput,
  selfPaidBill,
  self,
  member,
  assets,
  type Raw,
  ZERO_YTD,
} from './fixtures';

/** Bad input throws a typed error naming the field and the rule; nothing is coerced. */
type Row = [name: string, run: () => unknown, code: RulesErrorCode, field: string];

const calc = (over: Raw) => () => calculate(calcInput(over));
const elig = (over: Raw) => () => eligibility(eligInput(over));

const rows: Row[] = [
  ['negative money', calc({ bills: [bill({ totalCost: '-1.00' })] }), 'MONEY_NEGATIVE', 'bills[0].totalCost'],
  [
    'more than 2 decimal places',
    calc({ bills: [bill({ compliantCost: '100.005', totalCost: '200.00' })] }),
    'MONEY_TOO_MANY_DECIMALS',
    'bills[0].compliantCost',
  ],
  [
    'money as a JSON number',
    calc({ bills: [bill({ totalCost: 10000 })] }),
    'MONEY_NOT_STRING',
    'bills[0].totalCost',
  ],
  [
    'money in exponent form',
    calc({ bills: [bill({ totalCost: '1e4' })] }),
    'MONEY_FORMAT',
    'bills[0].totalCost',
  ],
  [
    'money with thousands separator',
    calc({ bills: [bill({ totalCost: '10,000.00' })] }),
    'MONEY_FORMAT',
    'bills[0].totalCost',
  ],
  [
    'reimbursements above the compliant cost',
    calc({
      bills: [bill({ reimbursements: { basicInsurance: '9000.00', commercialInsurance: '1000.01' } })],
    }),
    'REIMBURSEMENT_EXCEEDS_COST',
    'bills[0].reimbursements',
  ],
  [
    'compliant cost above total cost',
    calc({ bills: [bill({ totalCost: '100.00', compliantCost: '100.01' })] }),
    'COMPLIANT_EXCEEDS_TOTAL',
    'bills[0].compliantCost',
  ],
  ['unknown category', calc({ category: 'VIP' }), 'UNKNOWN_CATEGORY', 'category'],
  ['unknown bill kind', calc({ bills: [bill({ kind: 'DENTAL' })] }), 'UNKNOWN_VALUE', 'bills[0].kind'],
  [
    'unknown exclusion reason',
    calc({ bills: [bill({ exclusion: { reason: 'BAD_LUCK' } })] }),
    'UNKNOWN_VALUE',
    'bills[0].exclusion.reason',
  ],
  [
    'misspelt field is not ignored',
    calc({ bills: [bill({ reimbursements: { basicInsurence: '1.00' } })] }),
    'UNKNOWN_FIELD',
    'bills[0].reimbursements.basicInsurence',
  ],
  [
    'child rule for a 15-year-old',
    calc({
      applicant: { birthDate: '2004-03-01', insured: true },
      bills: [bill({ childSpecialDisease: { disease: 'ACUTE_LEUKAEMIA', limitedCost: '1000.00' } })],
    }),
    'CHILD_RULE_FOR_ADULT',
    'bills[0].childSpecialDisease',
  ],
  [
    'child rule for an adult',
    calc({
      bills: [bill({ childSpecialDisease: { disease: 'CONGENITAL_HEART_DISEASE', limitedCost: '1000.00' } })],
    }),
    'CHILD_RULE_FOR_ADULT',
    'bills[0].childSpecialDisease',
  ],
  [
    'child rule, unknown disease',
    calc({
      applicant: { birthDate: '2010-01-01', insured: true },
      bills: [bill({ childSpecialDisease: { disease: 'ASTHMA', limitedCost: '1.00' } })],
    }),
    'UNKNOWN_VALUE',
    'bills[0].childSpecialDisease.disease',
  ],
  [
    'limited cost above compliant cost',
    calc({
      applicant: { birthDate: '2010-01-01', insured: true },
      bills: [bill({ childSpecialDisease: { disease: 'ACUTE_LEUKAEMIA', limitedCost: '10000.01' } })],
    }),
    'LIMITED_EXCEEDS_COMPLIANT',
    'bills[0].childSpecialDisease.limitedCost',
  ],
  // (Insurance leaving less than the Art. 12 share is no longer an error: see money-edge-cases.test.ts.)
  [
    'mental rehab for EXTREME_POOR',
    calc({
      category: 'EXTREME_POOR',
      mentalRehab: { grade: 1, actualCost: '100.00', consecutivePriorYears: 0 },
    }),
    'RULE_NOT_APPLICABLE',
    'mentalRehab',
  ],
  [
    'mental rehab for ILLNESS_POVERTY',
    calc({
      category: 'ILLNESS_POVERTY',
      mentalRehab: { grade: 1, actualCost: '100.00', consecutivePriorYears: 0 },
    }),
    'RULE_NOT_APPLICABLE',
    'mentalRehab',
  ],
  [
    'mental rehab grade 5',
    calc({ mentalRehab: { grade: 5, actualCost: '100.00', consecutivePriorYears: 0 } }),
    'INVALID_TYPE',
    'mentalRehab.grade',
  ],
  [
    'uninsured without the notional insurance payment',
    calc({ applicant: { birthDate: '1960-01-01', insured: false }, bills: [bill({ reimbursements: {} })] }),
    'MISSING_FIELD',
    'bills[0].notionalInsurancePayment',
  ],
  [
    'uninsured with a basic-insurance reimbursement',
    calc({
      applicant: { birthDate: '1960-01-01', insured: false },
      bills: [bill({ notionalInsurancePayment: '1.00' })],
    }),
    'UNINSURED_DATA',
    'bills[0].reimbursements.basicInsurance',
  ],
  [
    'insured with a notional insurance payment',
    calc({ bills: [bill({ notionalInsurancePayment: '1.00' })] }),
    'UNINSURED_DATA',
    'bills[0].notionalInsurancePayment',
  ],
  [
    'basic aid already paid above the annual cap',
    calc({ category: 'DIBAO', yearToDate: { ...ZERO_YTD, basicAidPaid: '100000.01' } }),
    'YEAR_TO_DATE_EXCEEDS_CAP',
    'yearToDate.basicAidPaid',
  ],
  [
    'secondary aid already paid above the annual cap',
    calc({ yearToDate: { ...ZERO_YTD, secondaryAidPaid: '30000.01' } }),
    'YEAR_TO_DATE_EXCEEDS_CAP',
    'yearToDate.secondaryAidPaid',
  ],
  ['year-to-date missing', calc({ yearToDate: undefined }), 'MISSING_FIELD', 'yearToDate'],
  [
    'year-to-date figure missing',
    calc({ yearToDate: { basicAidPaid: '0.00', secondaryAidPaid: '0.00', selfPaidAfterAid: '0.00' } }),
    'MISSING_FIELD',
    'yearToDate.mentalRehabPaid',
  ],
  [
    'bill outside the aid year',
    calc({ bills: [bill({ date: '2018-12-31' })] }),
    'BILL_OUTSIDE_AID_YEAR',
    'bills[0].date',
  ],
  [
    'bill after the application date',
    calc({ bills: [bill({ date: '2019-06-02' })] }),
    'DATE_ORDER',
    'bills[0].date',
  ],
  ['impossible date', calc({ bills: [bill({ date: '2019-02-29' })] }), 'DATE_FORMAT', 'bills[0].date'],
  [
    'duplicate bill ids',
    calc({ bills: [selfPaidBill('1.00', { id: 'A' }), selfPaidBill('1.00', { id: 'A' })] }),
    'DUPLICATE_ID',
    'bills[1].id',
  ],
  [
    'application date outside every policy',
    calc({ applicationDate: '2018-09-30', aidYear: 2018 }),
    'NO_POLICY_IN_FORCE',
    'applicationDate',
  ],
  ['missing household data', elig({ members: undefined }), 'MISSING_HOUSEHOLD_DATA', 'members'],
  [
    'missing household income',
    elig({ householdDisposableIncome12m: undefined }),
    'MISSING_HOUSEHOLD_DATA',
    'householdDisposableIncome12m',
  ],
  [
    "missing applicant's medical costs",
    elig({ members: [self({ medicalCosts: undefined })] }),
    'MISSING_HOUSEHOLD_DATA',
    'members[0].medicalCosts',
  ],
  [
    'missing member assets',
    elig({ members: [self({ assets: undefined })] }),
    'MISSING_FIELD',
    'members[0].assets',
  ],
  [
    'no applicant in the household',
    elig({ members: [member('sp', 'SPOUSE')] }),
    'HOUSEHOLD_INCONSISTENT',
    'members',
  ],
  [
    'light truck without its engine size',
    elig({
      members: [
        self({
          assets: assets({
            vehicles: [{ type: 'LIGHT_TRUCK', firstRegistrationDate: '2010-01-01', usedForLivelihood: true }],
          }),
        }),
      ],
    }),
    'MISSING_FIELD',
    'members[0].assets.vehicles[0].displacementLitres',
  ],
  [
    'residence permit without a start date',
    elig({ residence: { registeredInDistrict: false, residencePermit: true } }),
    'MISSING_FIELD',
    'residence.residentSince',
  ],
  [
    'negative deposits',
    elig({ members: [self({ assets: assets({ deposits: '-5.00' }) })] }),
    'MONEY_NEGATIVE',
    'members[0].assets.deposits',
  ],
  [
    'homes as a fraction',
    elig({ members: [self({ assets: assets({ homes: 1.5 }) })] }),
    'INVALID_TYPE',
    'members[0].assets.homes',
  ],
];

describe('validation: typed errors naming the field and the rule', () => {
  test.each(rows)('%s', (_name, run, code, field) => {
    let err: unknown;
    try {
      run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    const e = err as RulesValidationError;
    expect({ code: e.code, field: e.field }).toEqual({ code, field });
    expect(e.rule).toBeTruthy();
    expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(e.messageEn).toMatch(/[a-z]/);
    expect(e.toJSON()).toEqual({ code, field, rule: e.rule, messageZh: e.messageZh, messageEn: e.messageEn });
  });
});
