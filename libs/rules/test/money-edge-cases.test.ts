import {
  aidYearOf,
  calculate,
  refuseSystemDecidedFields,
  RulesValidationError,
  SYSTEM_DECIDED_CALCULATION_FIELDS,
  systemDecidedFieldsIn,
  type CalculationResult,
  type RulesErrorCode,
} from '../src';
import { bill, calcInput, outOfScopeBill, selfPaidBill, type Raw } from './fixtures';

/**
 * Issue 10 point 4: the money edge cases of Art. 2, 12, 10 and 20, and the aid year of Art. 9, 10.
 * Every figure is computed by hand in the comment next to it (yuan).
 */

const CHILD = { birthDate: '2010-01-01', insured: true }; // 9 on 2019-03-01
const leukaemia = (limitedCost: string) => ({ disease: 'ACUTE_LEUKAEMIA', limitedCost });

function refused(run: () => unknown, code: RulesErrorCode, field: string): RulesValidationError {
  let err: unknown;
  try {
    run();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(RulesValidationError);
  const e = err as RulesValidationError;
  expect({ code: e.code, field: e.field }).toEqual({ code, field });
  expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);
  expect(e.messageEn).toMatch(/[a-z]/);
  return e;
}

const components = (r: CalculationResult) => r.explanation.lines.map((l) => l.component);

describe('Art. 12: the 20% share is limited to what is left to pay, never an error', () => {
  it('insurance paid 90% of the limited cost: the share 2,000 is limited to the 1,000 left', () => {
    const r = calculate(
      calcInput({
        applicant: CHILD,
        bills: [
          bill({
            id: 'ZY-1',
            reimbursements: { basicInsurance: '9000.00' },
            childSpecialDisease: leukaemia('10000.00'),
          }),
        ],
      }),
    );
    // share 10000 × 20% = 2000 > left 10000 − 9000 = 1000 → 1000; compliant self-paid 0 → basic 0;
    // after aid 0 < 2000 → secondary 0; total 1000
    expect(r.total).toBe('1000.00');
    expect(r.components).toEqual({
      childSpecialDisease: '1000.00',
      basicAid: '0.00',
      secondaryAid: '0.00',
      mentalRehab: '0.00',
    });
    expect(r.bills[0]).toMatchObject({ childAid: '1000.00', compliantSelfPaid: '0.00' });
    const line = r.explanation.lines[0]!;
    expect(line).toMatchObject({
      component: 'CHILD_SPECIAL_DISEASE',
      article: 'Art. 12',
      amount: '1000.00',
      inputs: { share: '2000.00', leftToPay: '1000.00' },
    });
    expect(line.textZh).toContain('个人尚需负担的 1000.00 元');
    expect(line.textEn).toContain('left to pay');
  });

  it('with costs outside the scope, Art. 10 still applies on them', () => {
    const r = calculate(
      calcInput({
        applicant: CHILD,
        bills: [
          bill({
            totalCost: '12000.00',
            reimbursements: { basicInsurance: '8500.00' },
            childSpecialDisease: leukaemia('10000.00'),
          }),
        ],
      }),
    );
    // share 2000 > left 1500 → 1500; basic 0; after aid 0 + 2000 outside scope = 2000 ≥ 2000 → 1600
    expect(r.components).toMatchObject({
      childSpecialDisease: '1500.00',
      basicAid: '0.00',
      secondaryAid: '1600.00',
    });
    expect(r.total).toBe('3100.00');
  });

  it('insurance paid all: the share is 0.00, with the reason', () => {
    const r = calculate(
      calcInput({
        applicant: CHILD,
        bills: [
          bill({
            reimbursements: { basicInsurance: '10000.00' },
            childSpecialDisease: leukaemia('10000.00'),
          }),
        ],
      }),
    );
    expect(r.total).toBe('0.00');
    expect(r.explanation.lines[0]).toMatchObject({ amount: '0.00', inputs: { leftToPay: '0.00' } });
  });

  it('boundary: left exactly equal to the share is not limited', () => {
    const r = calculate(
      calcInput({
        applicant: CHILD,
        bills: [
          bill({ reimbursements: { basicInsurance: '8000.00' }, childSpecialDisease: leukaemia('10000.00') }),
        ],
      }),
    );
    // share 2000 = left 2000 → 2000; self-paid 0
    expect(r.components.childSpecialDisease).toBe('2000.00');
    expect(r.explanation.lines[0]!.inputs.leftToPay).toBeUndefined();
    expect(r.explanation.lines[0]!.textEn).not.toContain('left to pay');
  });

  it('still refuses payments above the compliant cost and a limited cost above it', () => {
    refused(
      () =>
        calculate(
          calcInput({
            applicant: CHILD,
            bills: [
              bill({
                reimbursements: { basicInsurance: '10000.01' },
                childSpecialDisease: leukaemia('10000.00'),
              }),
            ],
          }),
        ),
      'REIMBURSEMENT_EXCEEDS_COST',
      'bills[0].reimbursements',
    );
    refused(
      () =>
        calculate(
          calcInput({ applicant: CHILD, bills: [bill({ childSpecialDisease: leukaemia('10000.01') })] }),
        ),
      'LIMITED_EXCEEDS_COMPLIANT',
      'bills[0].childSpecialDisease.limitedCost',
    );
  });
});

describe('Art. 10: payments of costs outside the insurance scope', () => {
  it('commercial insurance paying out-of-scope items does not touch the compliant base, nor throw', () => {
    // The case: commercial insurance paid 4,500, of which 2,000 for items outside the scope.
    const r = calculate(
      calcInput({
        category: 'DIBAO',
        bills: [
          bill({
            totalCost: '12000.00',
            reimbursements: { basicInsurance: '7000.00', commercialInsurance: '2500.00' },
            outOfScopeReimbursements: { commercialInsurance: '2000.00' },
          }),
        ],
      }),
    );
    // compliant self-paid 10000 − 9500 = 500 × 90% = 450; outside scope 2000 − 2000 = 0; after 50 < 2000
    expect(r.total).toBe('450.00');
    expect(r.bills[0]).toMatchObject({
      compliantSelfPaid: '500.00',
      outOfScope: '2000.00',
      outOfScopeReimbursed: '2000.00',
      outOfScopeSelfPaid: '0.00',
    });
    expect(components(r)).toEqual(['OUT_OF_SCOPE_REIMBURSED', 'BASIC_AID', 'SECONDARY_AID']);
  });

  it('reduces only the Art. 10 self-paid figure (ILLNESS_POVERTY, two payers)', () => {
    const r = calculate(
      calcInput({
        category: 'ILLNESS_POVERTY',
        bills: [
          bill({
            id: 'ZY-9',
            totalCost: '30000.00',
            compliantCost: '20000.00',
            reimbursements: { basicInsurance: '10000.00' },
            outOfScopeReimbursements: { commercialInsurance: '4000.00', designatedDonations: '1000.00' },
          }),
        ],
      }),
    );
    // basic (20000 − 10000) × 70% = 7000; after aid 3000 + (10000 − 5000) = 8000 ≥ 2000 → 6400
    expect(r.components).toMatchObject({ basicAid: '7000.00', secondaryAid: '6400.00' });
    expect(r.total).toBe('13400.00');
    const line = r.explanation.lines[0]!;
    expect(line).toMatchObject({
      component: 'OUT_OF_SCOPE_REIMBURSED',
      article: 'Art. 10',
      billId: 'ZY-9',
      amount: '0.00',
      inputs: { outOfScope: '10000.00', outOfScopeReimbursed: '5000.00', outOfScopeSelfPaid: '5000.00' },
    });
    expect(r.yearToDateAfter.selfPaidAfterAid).toBe('8000.00');
  });

  it('refuses payments above the out-of-scope costs, basic insurance there, and numbers', () => {
    refused(
      () =>
        calculate(
          calcInput({ bills: [bill({ outOfScopeReimbursements: { commercialInsurance: '0.01' } })] }),
        ),
      'REIMBURSEMENT_EXCEEDS_COST',
      'bills[0].outOfScopeReimbursements',
    );
    refused(
      () =>
        calculate(
          calcInput({
            bills: [bill({ totalCost: '11000.00', outOfScopeReimbursements: { basicInsurance: '1.00' } })],
          }),
        ),
      'UNKNOWN_FIELD',
      'bills[0].outOfScopeReimbursements.basicInsurance',
    );
    refused(
      () =>
        calculate(
          calcInput({
            bills: [bill({ totalCost: '11000.00', outOfScopeReimbursements: { commercialInsurance: 5 } })],
          }),
        ),
      'MONEY_NOT_STRING',
      'bills[0].outOfScopeReimbursements.commercialInsurance',
    );
  });
});

describe('Art. 2: policy compensation, subsidies and waivers (政策性补偿、补助、减免)', () => {
  it('are deducted from the compliant cost like insurance', () => {
    const r = calculate(
      calcInput({
        category: 'DIBAO',
        bills: [bill({ reimbursements: { basicInsurance: '7000.00', policyCompensation: '1000.00' } })],
      }),
    );
    // (10000 − 7000 − 1000) × 90% = 1800; after 200 < 2000
    expect(r.total).toBe('1800.00');
    expect(r.bills[0]).toMatchObject({ deducted: '8000.00', compliantSelfPaid: '2000.00' });
  });

  it('a waiver of out-of-scope costs reduces the Art. 10 figure only', () => {
    const r = calculate(
      calcInput({
        category: 'DIBAO',
        bills: [
          bill({
            totalCost: '13000.00',
            reimbursements: { basicInsurance: '7000.00', policyCompensation: '1000.00' },
            outOfScopeReimbursements: { policyCompensation: '500.00' },
          }),
        ],
      }),
    );
    // basic 2000 × 90% = 1800; after aid 200 + (3000 − 500) = 2700 ≥ 2000 → 2160; total 3960
    expect(r.components).toMatchObject({ basicAid: '1800.00', secondaryAid: '2160.00' });
    expect(r.total).toBe('3960.00');
  });

  it('refuses compensation that takes the deductions above the compliant cost, and a number', () => {
    refused(
      () =>
        calculate(
          calcInput({
            bills: [bill({ reimbursements: { basicInsurance: '9500.00', policyCompensation: '500.01' } })],
          }),
        ),
      'REIMBURSEMENT_EXCEEDS_COST',
      'bills[0].reimbursements',
    );
    refused(
      () => calculate(calcInput({ bills: [bill({ reimbursements: { policyCompensation: 100 } })] })),
      'MONEY_NOT_STRING',
      'bills[0].reimbursements.policyCompensation',
    );
  });
});

describe('Art. 20: costs from the discharge notice of a patient who refused to leave are not aided', () => {
  const stay = (over: Raw = {}) =>
    calcInput({
      category: 'DIBAO',
      bills: [
        bill({ id: 'ZY-1', date: '2019-03-10' }),
        bill({
          id: 'ZY-1b',
          date: '2019-03-15',
          totalCost: '3000.00',
          compliantCost: '3000.00',
          reimbursements: { basicInsurance: '2100.00' },
          dischargeNoticeDate: '2019-03-15',
        }),
      ],
      ...over,
    });

  it('the costs from the notice day (inclusive) are excluded, citing Art. 20', () => {
    const r = calculate(stay());
    // ZY-1: (10000 − 7000) × 90% = 2700; ZY-1b removed; after aid 300 < 2000
    expect(r.total).toBe('2700.00');
    expect(components(r)).toEqual(['EXCLUDED', 'BASIC_AID', 'SECONDARY_AID']);
    const line = r.explanation.lines[0]!;
    expect(line).toMatchObject({
      component: 'EXCLUDED',
      article: 'Art. 20',
      billId: 'ZY-1b',
      amount: '0.00',
      inputs: { totalCost: '3000.00', reason: 'DISCHARGE_REFUSED', dischargeNoticeDate: '2019-03-15' },
    });
    expect(line.textZh).toContain('拒绝出院');
    expect(line.textEn).toContain('refused to leave hospital');
    expect(r.bills[1]!.excluded).toEqual({ reason: 'DISCHARGE_REFUSED', article: 'Art. 20' });
  });

  it('applies to every category (ILLNESS_POVERTY here), and removes the bill from Art. 10 too', () => {
    const r = calculate(
      calcInput({
        category: 'ILLNESS_POVERTY',
        bills: [
          selfPaidBill('1000.00'),
          outOfScopeBill('5000.00', { date: '2019-04-02', dischargeNoticeDate: '2019-04-01' }),
        ],
      }),
    );
    // 1000 × 70% = 700; after aid 300 (the 5000 outside scope is removed) < 2000
    expect(r.total).toBe('700.00');
  });

  it('an Art. 19 reason is named first when both apply', () => {
    const r = calculate(
      calcInput({
        bills: [
          bill({
            date: '2019-03-15',
            dischargeNoticeDate: '2019-03-15',
            exclusion: { reason: 'THIRD_PARTY_LIABLE' },
          }),
        ],
      }),
    );
    expect(r.explanation.lines[0]).toMatchObject({ component: 'EXCLUDED', article: 'Art. 19(4)' });
  });

  it('refuses a bill dated before the notice, telling to split the stay; and a malformed date', () => {
    const e = refused(
      () => calculate(stay({ bills: [bill({ date: '2019-03-14', dischargeNoticeDate: '2019-03-15' })] })),
      'DATE_ORDER',
      'bills[0].dischargeNoticeDate',
    );
    expect(e.messageEn).toContain('split the stay');
    refused(
      () => calculate(stay({ bills: [bill({ dischargeNoticeDate: '2019-3-15' })] })),
      'DATE_FORMAT',
      'bills[0].dischargeNoticeDate',
    );
  });
});

describe('Art. 9, 10: the aid year is the year of the costs', () => {
  it('is the bills’ year, even when the application is made the next year', () => {
    const raw = calcInput({
      applicationDate: '2020-01-15',
      aidYear: undefined,
      bills: [bill({ date: '2019-11-20' }), bill({ date: '2019-12-30' })],
    });
    expect(aidYearOf(raw)).toBe(2019);
    expect(calculate(raw).aidYear).toBe(2019);
  });

  it('a stated aidYear is kept, and needed when there are no bills', () => {
    expect(aidYearOf(calcInput({ aidYear: 2019, bills: [bill()] }))).toBe(2019);
    expect(aidYearOf(calcInput({ aidYear: 2019, bills: [] }))).toBe(2019);
    refused(() => aidYearOf(calcInput({ aidYear: undefined, bills: [] })), 'MISSING_FIELD', 'aidYear');
    refused(
      () =>
        calculate(
          calcInput({
            category: 'DIBAO',
            aidYear: undefined,
            mentalRehab: { grade: 1, actualCost: '100.00', consecutivePriorYears: 0 },
          }),
        ),
      'MISSING_FIELD',
      'aidYear',
    );
  });

  it('bills in two years are refused: the reviewer splits the application by year', () => {
    const raw = calcInput({
      applicationDate: '2020-02-01',
      aidYear: undefined,
      bills: [bill({ date: '2019-12-20' }), bill({ date: '2020-01-05' })],
    });
    const e = refused(() => aidYearOf(raw), 'BILLS_SPAN_YEARS', 'bills[1].date');
    expect(e.messageEn).toContain('split the application by year');
    expect(e.messageZh).toContain('按年度拆分');
    refused(() => calculate(raw), 'BILLS_SPAN_YEARS', 'bills[1].date');
    refused(() => aidYearOf({ ...raw, aidYear: 2019 }), 'BILL_OUTSIDE_AID_YEAR', 'bills[1].date');
    refused(() => aidYearOf({ bills: [{ date: 'soon' }] }), 'DATE_FORMAT', 'bills[0].date');
    refused(() => aidYearOf([]), 'INVALID_TYPE', '$');
  });

  it('lists the system-decided fields the API must refuse', () => {
    expect(SYSTEM_DECIDED_CALCULATION_FIELDS).toEqual(['applicationDate', 'category', 'yearToDate']);
    expect(systemDecidedFieldsIn(calcInput())).toEqual(['applicationDate', 'category', 'yearToDate']);
    const { yearToDate: _y, applicationDate: _d, category: _c, ...request } = calcInput();
    expect(systemDecidedFieldsIn(request)).toEqual([]);
    expect(() => refuseSystemDecidedFields(request)).not.toThrow();
    const e = refused(
      () => refuseSystemDecidedFields({ ...request, yearToDate: {} }),
      'SYSTEM_DECIDED_FIELD',
      'yearToDate',
    );
    expect(e.messageEn).toContain('ledger');
    refused(
      () => refuseSystemDecidedFields({ ...request, category: 'DIBAO' }),
      'SYSTEM_DECIDED_FIELD',
      'category',
    );
    // The worker completes a request with the case's figures, and the aid year tells which year to read.
    expect(aidYearOf(request)).toBe(2019);
  });
});
