import fc from 'fast-check';
import { calculate, CATEGORIES, Money, XINHUI_2018, type Category } from '../src';

/** Amounts are generated as whole fen and written as strings, exactly as clients must send them. */
const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const m = (s: string): Money => Money.parse(s, 'test');

interface BillSpec {
  compliant: number;
  outOfScope: number;
  deductShare: number; // per mille of what may be deducted
  kind: 'INPATIENT' | 'SPECIFIED_OUTPATIENT' | 'OUTPATIENT';
  child: boolean;
  limitedShare: number;
  exclusion: 'NONE' | 'THIRD_PARTY_LIABLE' | 'SELF_HARM';
}

const billSpec: fc.Arbitrary<BillSpec> = fc.record({
  compliant: fc.oneof(fc.integer({ min: 0, max: 5_000_00 }), fc.integer({ min: 0, max: 200_000_00 })),
  outOfScope: fc.integer({ min: 0, max: 30_000_00 }),
  deductShare: fc.integer({ min: 0, max: 1000 }),
  kind: fc.constantFrom('INPATIENT', 'SPECIFIED_OUTPATIENT', 'OUTPATIENT'),
  child: fc.boolean(),
  limitedShare: fc.integer({ min: 0, max: 1000 }),
  exclusion: fc.constantFrom('NONE', 'NONE', 'NONE', 'THIRD_PARTY_LIABLE', 'SELF_HARM'),
});

interface CaseSpec {
  category: Category;
  insured: boolean;
  childApplicant: boolean;
  bills: BillSpec[];
  ytdBasicShare: number;
  ytdSecondary: number;
  ytdSelfPaid: number;
  rehab: { grade: number; cost: number; prior: number; paidBefore: boolean } | null;
}

const caseSpec: fc.Arbitrary<CaseSpec> = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  insured: fc.boolean(),
  childApplicant: fc.boolean(),
  bills: fc.array(billSpec, { minLength: 0, maxLength: 4 }),
  ytdBasicShare: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
  ytdSecondary: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30_000_00 })),
  ytdSelfPaid: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000_00 })),
  rehab: fc.option(
    fc.record({
      grade: fc.integer({ min: 1, max: 4 }),
      cost: fc.integer({ min: 0, max: 12_000_00 }),
      prior: fc.integer({ min: 0, max: 3 }),
      paidBefore: fc.boolean(),
    }),
  ),
});

function toInput(c: CaseSpec): Record<string, unknown> {
  const cap = Number(XINHUI_2018.basicAid[c.category].annualCap.split('.')[0]) * 100;
  const bills = c.bills.map((b, i) => {
    const child = b.child && c.childApplicant;
    const limited = child ? Math.floor((b.compliant * b.limitedShare) / 1000) : 0;
    // Deductions may use whatever the Art. 12 share leaves (its rounding never exceeds ceil(l/5)).
    const room = b.compliant - (child ? Math.ceil(limited / 5) : 0);
    const deducted = Math.floor((room * b.deductShare) / 1000);
    const notional = c.insured ? 0 : Math.floor(deducted / 2);
    const reimbursed = deducted - notional;
    return {
      id: `b${i}`,
      kind: b.kind,
      date: '2019-03-01',
      totalCost: yuan(b.compliant + b.outOfScope),
      compliantCost: yuan(b.compliant),
      reimbursements: c.insured
        ? { basicInsurance: yuan(reimbursed) }
        : { criticalIllnessInsurance: '0.00', commercialInsurance: yuan(reimbursed) },
      ...(c.insured ? {} : { notionalInsurancePayment: yuan(notional) }),
      ...(child ? { childSpecialDisease: { disease: 'ACUTE_LEUKAEMIA', limitedCost: yuan(limited) } } : {}),
      ...(b.exclusion === 'NONE' ? {} : { exclusion: { reason: b.exclusion } }),
    };
  });
  const rehabOk = c.category === 'DIBAO' || c.category === 'LOW_INCOME';
  return {
    applicationDate: '2019-06-01',
    category: c.category,
    aidYear: 2019,
    applicant: { birthDate: c.childApplicant ? '2010-01-01' : '1960-01-01', insured: c.insured },
    yearToDate: {
      basicAidPaid: yuan(Math.floor((cap * c.ytdBasicShare) / 1000)),
      secondaryAidPaid: yuan(c.ytdSecondary),
      selfPaidAfterAid: yuan(c.ytdSelfPaid),
      mentalRehabPaid: c.rehab?.paidBefore ? '100.00' : '0.00',
    },
    bills,
    ...(c.rehab && rehabOk
      ? {
          mentalRehab: {
            grade: c.rehab.grade,
            actualCost: yuan(c.rehab.cost),
            consecutivePriorYears: c.rehab.prior,
          },
        }
      : {}),
  };
}

const runs = { numRuns: 2000 };

describe('properties of calculate', () => {
  it('no component exceeds its cap or the remaining annual room; none is negative', () => {
    fc.assert(
      fc.property(caseSpec, (c) => {
        const input = toInput(c);
        const r = calculate(input);
        const ytd = input.yearToDate as Record<string, string>;
        const rule = XINHUI_2018.basicAid[c.category];
        const basic = m(r.components.basicAid);
        const secondary = m(r.components.secondaryAid);
        const rehab = m(r.components.mentalRehab);
        expect(basic.lte(m(rule.annualCap).minus(m(ytd.basicAidPaid!)))).toBe(true);
        expect(secondary.lte(m(XINHUI_2018.secondaryAid.annualCap).minus(m(ytd.secondaryAidPaid!)))).toBe(
          true,
        );
        expect(rehab.lte(m(XINHUI_2018.mentalRehab.annualCap))).toBe(true);
        expect(m(r.yearToDateAfter.basicAidPaid).lte(m(rule.annualCap))).toBe(true);
        expect(m(r.yearToDateAfter.secondaryAidPaid).lte(m(XINHUI_2018.secondaryAid.annualCap))).toBe(true);
        for (const v of Object.values(r.components)) expect(m(v).isNegative()).toBe(false);
      }),
      runs,
    );
  });

  it('the breakdown lines and the components both add up exactly to the total', () => {
    fc.assert(
      fc.property(caseSpec, (c) => {
        const r = calculate(toInput(c));
        const lines = r.explanation.lines.reduce((a, l) => a.plus(m(l.amount)), Money.ZERO);
        const comps = Object.values(r.components).reduce((a, v) => a.plus(m(v)), Money.ZERO);
        expect(lines.toString()).toBe(r.total);
        expect(comps.toString()).toBe(r.total);
        for (const l of r.explanation.lines) {
          expect(l.amount).toMatch(/^\d+\.\d{2}$/);
          expect(l.article).toMatch(/^Art\. /);
        }
      }),
      runs,
    );
  });

  it('more cost never means less aid', () => {
    fc.assert(
      fc.property(
        caseSpec.filter((c) => c.bills.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 50_000_00 }),
        fc.boolean(),
        (c, which, extra, inScope) => {
          const before = calculate(toInput(c));
          const i = which % c.bills.length;
          const bills = c.bills.map((b, j) =>
            j !== i
              ? b
              : inScope
                ? { ...b, compliant: b.compliant + extra }
                : { ...b, outOfScope: b.outOfScope + extra },
          );
          // Raising the compliant cost keeps the same deductions in yuan, not in share.
          const more = toInput({ ...c, bills });
          if (inScope) {
            const orig = toInput(c).bills as Record<string, unknown>[];
            const next = more.bills as Record<string, unknown>[];
            next[i] = {
              ...next[i],
              reimbursements: orig[i]!.reimbursements,
              ...(c.insured ? {} : { notionalInsurancePayment: orig[i]!.notionalInsurancePayment }),
            };
            if (orig[i]!.childSpecialDisease)
              next[i] = { ...next[i], childSpecialDisease: orig[i]!.childSpecialDisease };
          }
          const after = calculate(more);
          expect(m(after.total).gte(m(before.total))).toBe(true);
        },
      ),
      runs,
    );
  });

  it('adding a bill never means less aid', () => {
    fc.assert(
      fc.property(caseSpec, billSpec, (c, extra) => {
        const before = calculate(toInput(c));
        const after = calculate(toInput({ ...c, bills: [...c.bills, extra] }));
        expect(m(after.total).gte(m(before.total))).toBe(true);
      }),
      runs,
    );
  });

  it('is deterministic: the same input and policy give the same result', () => {
    fc.assert(
      fc.property(caseSpec, (c) => {
        const input = toInput(c);
        const a = calculate(input);
        const b = calculate(JSON.parse(JSON.stringify(input)), XINHUI_2018);
        expect(b).toEqual(a);
        expect(JSON.stringify(calculate(input))).toBe(JSON.stringify(a));
      }),
      { numRuns: 500 },
    );
  });

  it('Art. 12: the child share never exceeds what is left to pay, however much insurance paid', () => {
    fc.assert(
      fc.property(caseSpec, fc.integer({ min: 0, max: 1000 }), (c, share) => {
        // Insurance may now pay anything up to the whole compliant cost, leaving less than the 20% share.
        const input = toInput({ ...c, insured: true });
        const bills = input.bills as Record<string, unknown>[];
        c.bills.forEach((b, i) => {
          bills[i] = {
            ...bills[i],
            reimbursements: { basicInsurance: yuan(Math.floor((b.compliant * share) / 1000)) },
          };
        });
        const r = calculate(input);
        for (const b of r.bills) {
          expect(m(b.childAid).lte(m(b.compliantCost).minus(m(b.deducted)))).toBe(true);
          expect(m(b.compliantSelfPaid).isNegative()).toBe(false);
        }
      }),
      runs,
    );
  });

  it('payments of out-of-scope costs never change basic aid and never raise the total', () => {
    fc.assert(
      fc.property(caseSpec, fc.integer({ min: 0, max: 1000 }), (c, share) => {
        const plain = toInput(c);
        const paid = toInput(c);
        const bills = paid.bills as Record<string, unknown>[];
        c.bills.forEach((b, i) => {
          const amount = yuan(Math.floor((b.outOfScope * share) / 1000));
          bills[i] = { ...bills[i], outOfScopeReimbursements: { commercialInsurance: amount } };
        });
        const before = calculate(plain);
        const after = calculate(paid);
        expect(after.components.basicAid).toBe(before.components.basicAid);
        expect(after.components.childSpecialDisease).toBe(before.components.childSpecialDisease);
        expect(m(after.total).lte(m(before.total))).toBe(true);
      }),
      runs,
    );
  });

  it('a year split into applications never pays more than the caps', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CATEGORIES),
        fc.array(fc.integer({ min: 0, max: 80_000_00 }), { minLength: 1, maxLength: 6 }),
        (category, costs) => {
          let ytd = {
            basicAidPaid: '0.00',
            secondaryAidPaid: '0.00',
            selfPaidAfterAid: '0.00',
            mentalRehabPaid: '0.00',
          };
          for (const [i, fen] of costs.entries()) {
            const r = calculate({
              applicationDate: '2019-12-31',
              category,
              aidYear: 2019,
              applicant: { birthDate: '1960-01-01', insured: true },
              yearToDate: ytd,
              bills: [
                {
                  id: `a${i}`,
                  kind: 'INPATIENT',
                  date: '2019-03-01',
                  totalCost: yuan(fen * 2),
                  compliantCost: yuan(fen),
                  reimbursements: {},
                },
              ],
            });
            ytd = r.yearToDateAfter;
          }
          expect(m(ytd.basicAidPaid).lte(m(XINHUI_2018.basicAid[category].annualCap))).toBe(true);
          expect(m(ytd.secondaryAidPaid).lte(m(XINHUI_2018.secondaryAid.annualCap))).toBe(true);
        },
      ),
      runs,
    );
  });
});
