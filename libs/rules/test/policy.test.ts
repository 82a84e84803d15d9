import {
  approvalAuthorityFor,
  NoPolicyInForceError,
  POLICY_VERSIONS,
  processPeriods,
  selectPolicy,
  XINHUI_2018,
  CATEGORIES,
  type PeriodKey,
} from '../src';

describe('policy versions', () => {
  it.each(['2018-10-01', '2019-06-15', '2021-09-30'])('selects Xinhui 2018 on %s', (d) => {
    expect(selectPolicy(d).id).toBe('xinhui-2018');
  });

  it.each(['2018-09-30', '2021-10-01', '2000-01-01'])('refuses %s with a typed error, no default', (d) => {
    expect(() => selectPolicy(d)).toThrow(NoPolicyInForceError);
    try {
      selectPolicy(d);
    } catch (e) {
      expect((e as NoPolicyInForceError).code).toBe('NO_POLICY_IN_FORCE');
      expect((e as NoPolicyInForceError).field).toBe('applicationDate');
    }
  });

  it('refuses a malformed date', () => {
    expect(() => selectPolicy('2019-13-01')).toThrow(/YYYY-MM-DD|no such date/);
  });

  it('versions do not overlap', () => {
    const sorted = [...POLICY_VERSIONS].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]!.effectiveFrom > sorted[i - 1]!.effectiveTo).toBe(true);
    for (const v of sorted) expect(v.effectiveFrom <= v.effectiveTo).toBe(true);
  });

  it('has a rule and an approval threshold for every category', () => {
    for (const c of CATEGORIES) {
      expect(XINHUI_2018.basicAid[c]).toBeDefined();
      expect(XINHUI_2018.approvalThresholds[c]).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('carries the process periods of the Art. 15 table', () => {
    const p = processPeriods('2019-01-02');
    const expected: Record<PeriodKey, [string, number]> = {
      acceptance: ['workingDays', 5],
      investigation: ['workingDays', 10],
      townReview: ['workingDays', 3],
      firstNotice: ['calendarDays', 5],
      democraticReview: ['workingDays', 10],
      submission: ['workingDays', 3],
      districtReview: ['workingDays', 5],
      secondNotice: ['calendarDays', 5],
      reinvestigation: ['workingDays', 20],
      approval: ['workingDays', 3],
      fundsRequest: ['workingDays', 5],
      disbursement: ['workingDays', 3],
      recipientsList: ['months', 6],
      refusalNotice: ['workingDays', 3],
      reminderLead: ['workingDays', 2],
    };
    for (const [k, [unit, count]] of Object.entries(expected)) {
      expect([k, p[k as PeriodKey].unit, p[k as PeriodKey].count]).toEqual([k, unit, count]);
    }
    expect(Object.keys(p).sort()).toEqual([...Object.keys(expected), 'calendarDayHolidayExtension'].sort());
    expect(p.calendarDayHolidayExtension).toBe(true);
  });

  it('the policy is plain, serialisable data', () => {
    expect(JSON.parse(JSON.stringify(XINHUI_2018))).toEqual(XINHUI_2018);
  });
});

describe('Art. 17 approval authority', () => {
  const p = XINHUI_2018;
  it.each([
    ['ILLNESS_POVERTY', '50000.00', 'DISTRICT_CIVIL_AFFAIRS_BUREAU'],
    ['ILLNESS_POVERTY', '50000.01', 'DISTRICT_LEADER'],
    ['OTHER_HARDSHIP', '49999.99', 'DISTRICT_CIVIL_AFFAIRS_BUREAU'],
    ['OTHER_HARDSHIP', '50000.01', 'DISTRICT_LEADER'],
    ['EXTREME_POOR', '80000.00', 'DISTRICT_CIVIL_AFFAIRS_BUREAU'],
    ['DIBAO', '80000.01', 'DISTRICT_LEADER'],
    ['LOW_INCOME', '80000.00', 'DISTRICT_CIVIL_AFFAIRS_BUREAU'],
    ['LOW_INCOME', '0.00', 'DISTRICT_CIVIL_AFFAIRS_BUREAU'],
    ['POVERTY_RELIEF', '80000.01', 'DISTRICT_LEADER'],
  ] as const)('%s %s → %s', (category, amount, authority) => {
    const d = approvalAuthorityFor(p, category, amount);
    expect(d.authority).toBe(authority);
    expect(d.article).toBe('Art. 17');
  });
});
