import { eligibility, XINHUI_2018, type EligibilityResult, type PolicyVersion } from '../src';
import { assets, eligInput, member, self, type Raw } from './fixtures';

/**
 * Worked examples for Art. 5(2), 6, 7 and 11. Application date 2019-03-01; M = 12 × 800 = 9,600 per
 * person (parameter); household income 30,000 so the 60% line is 18,000 unless stated.
 */
type Row = [name: string, input: Raw, eligible: boolean, check?: Partial<Record<string, boolean>>];

const costs = (inpatient: string, specified = '0.00'): Raw => ({
  inpatientSelfPaid: inpatient,
  specifiedOutpatientSelfPaid: specified,
});
const truck = (over: Raw = {}): Raw => ({
  type: 'LIGHT_TRUCK',
  firstRegistrationDate: '2014-03-01',
  displacementLitres: '1.6',
  usedForLivelihood: true,
  ...over,
});
const minibus = (over: Raw = {}): Raw => ({
  type: 'MINIBUS',
  firstRegistrationDate: '2018-01-01',
  displacementLitres: '1.4',
  usedForLivelihood: false,
  ...over,
});
const withAssets = (a: Raw): Raw => eligInput({ members: [self({ assets: assets(a) })] });

const rows: Row[] = [
  // --- Art. 5(2) burden: 达到或超过 60% (inclusive)
  [
    'burden exactly 60% passes',
    eligInput({ members: [self({ medicalCosts: costs('18000.00') })] }),
    true,
    { BURDEN: true },
  ],
  [
    'burden 17,999.99 fails',
    eligInput({ members: [self({ medicalCosts: costs('17999.99') })] }),
    false,
    { BURDEN: false },
  ],
  [
    'burden counts specified outpatient items',
    eligInput({ members: [self({ medicalCosts: costs('10000.00', '8000.00') })] }),
    true,
    { BURDEN: true },
  ],
  [
    'no costs at all is not poverty due to illness',
    eligInput({ householdDisposableIncome12m: '0.00', members: [self({ medicalCosts: costs('0.00') })] }),
    false,
    { BURDEN: false },
  ],
  [
    'Art. 11 two treated members combined',
    eligInput({
      members: [
        self({ medicalCosts: costs('10000.00') }),
        member('sp', 'SPOUSE', { medicalCosts: costs('8000.00') }),
      ],
    }),
    true,
    { BURDEN: true },
  ],
  [
    'Art. 11 only counted members combine (independent adult child left out)',
    eligInput({
      members: [
        self({ medicalCosts: costs('10000.00') }),
        member('c', 'CHILD', { birthDate: '1990-01-01', medicalCosts: costs('8000.00') }),
      ],
    }),
    false,
    { BURDEN: false },
  ],
  // --- Art. 5(2) residence
  [
    'residence permit, exactly six months (满半年以上)',
    eligInput({
      residence: { registeredInDistrict: false, residencePermit: true, residentSince: '2018-09-01' },
    }),
    true,
    { RESIDENCE: true },
  ],
  [
    'residence permit, one day short of six months',
    eligInput({
      residence: { registeredInDistrict: false, residencePermit: true, residentSince: '2018-09-02' },
    }),
    false,
    { RESIDENCE: false },
  ],
  [
    'six months of residence without a permit',
    eligInput({
      residence: { registeredInDistrict: false, residencePermit: false, residentSince: '2017-01-01' },
    }),
    false,
    { RESIDENCE: false },
  ],
  [
    'Art. 5(1) DIBAO must be registered',
    eligInput({
      category: 'DIBAO',
      residence: { registeredInDistrict: false, residencePermit: true, residentSince: '2010-01-01' },
    }),
    false,
    { RESIDENCE: false },
  ],
  [
    'Art. 5(1) DIBAO registered: no household test',
    { applicationDate: '2019-03-01', category: 'DIBAO', residence: { registeredInDistrict: true } },
    true,
    { RESIDENCE: true },
  ],
  // --- Art. 6(1) homes 不超过1套
  ['one home passes', withAssets({ homes: 1 }), true, { HOMES: true }],
  [
    'two homes across the household fail',
    eligInput({
      members: [
        self({ assets: assets({ homes: 1 }) }),
        member('sp', 'SPOUSE', { assets: assets({ homes: 1 }) }),
      ],
    }),
    false,
    { HOMES: false },
  ],
  // --- Art. 6(2)(4)(6) per-capita limits, inclusive
  [
    'deposits exactly M per person (2 members, 19,200)',
    eligInput({ members: [self({ assets: assets({ deposits: '19200.00' }) }), member('sp', 'SPOUSE')] }),
    true,
    { DEPOSITS: true },
  ],
  [
    'deposits 1 fen above M per person',
    eligInput({ members: [self({ assets: assets({ deposits: '19200.01' }) }), member('sp', 'SPOUSE')] }),
    false,
    { DEPOSITS: false, DEPOSITS_AND_SECURITIES: false },
  ],
  ['securities exactly M', withAssets({ securities: '9600.00' }), true, { SECURITIES: true }],
  ['securities above M', withAssets({ securities: '9600.01' }), false, { SECURITIES: false }],
  [
    'deposits M and securities 0.01: each passes, the sum fails Art. 6(6)',
    withAssets({ deposits: '9600.00', securities: '0.01' }),
    false,
    { DEPOSITS: true, SECURITIES: true, DEPOSITS_AND_SECURITIES: false },
  ],
  [
    'deposits + securities exactly M passes Art. 6(6)',
    withAssets({ deposits: '4800.00', securities: '4800.00' }),
    true,
    { DEPOSITS_AND_SECURITIES: true },
  ],
  // --- Art. 6(3) vehicles
  [
    'livelihood light truck exactly 5 years, exactly 1.6 L: exempt',
    withAssets({ vehicles: [truck()] }),
    true,
    { VEHICLES: true },
  ],
  [
    'light truck one day short of 5 years',
    withAssets({ vehicles: [truck({ firstRegistrationDate: '2014-03-02' })] }),
    false,
    { VEHICLES: false },
  ],
  [
    'light truck 1.61 L',
    withAssets({ vehicles: [truck({ displacementLitres: '1.61' })] }),
    false,
    { VEHICLES: false },
  ],
  [
    'light truck not used for a livelihood',
    withAssets({ vehicles: [truck({ usedForLivelihood: false })] }),
    false,
    { VEHICLES: false },
  ],
  ['minibus exactly 1.4 L: exempt', withAssets({ vehicles: [minibus()] }), true, { VEHICLES: true }],
  [
    'minibus 1.41 L',
    withAssets({ vehicles: [minibus({ displacementLitres: '1.41' })] }),
    false,
    { VEHICLES: false },
  ],
  [
    'disability scooter, motorcycle and tricycle are exempt',
    withAssets({ vehicles: [{ type: 'DISABILITY_SCOOTER' }, { type: 'MOTORCYCLE' }, { type: 'TRICYCLE' }] }),
    true,
    { VEHICLES: true },
  ],
  ['a car fails', withAssets({ vehicles: [{ type: 'CAR' }] }), false, { VEHICLES: false }],
  ['a ship fails', withAssets({ vehicles: [{ type: 'SHIP' }] }), false, { VEHICLES: false }],
  // --- Art. 6(5) businesses
  [
    'couple workshop without employees is exempt',
    withAssets({ businesses: [{ kind: 'COUPLE_WORKSHOP', employees: 0 }] }),
    true,
    { BUSINESSES: true },
  ],
  [
    'small shop without employees is exempt',
    withAssets({ businesses: [{ kind: 'SMALL_SHOP', employees: 0 }] }),
    true,
    { BUSINESSES: true },
  ],
  [
    'small shop with one employee fails',
    withAssets({ businesses: [{ kind: 'SMALL_SHOP', employees: 1 }] }),
    false,
    { BUSINESSES: false },
  ],
  [
    'other for-profit business fails even without employees',
    withAssets({ businesses: [{ kind: 'OTHER', employees: 0 }] }),
    false,
    { BUSINESSES: false },
  ],
  // --- Art. 7 household: excluded members' property does not count
  [
    'prisoner spouse not counted: his deposits ignored',
    eligInput({
      members: [
        self(),
        member('sp', 'SPOUSE', {
          servingPrisonSentence: true,
          assets: assets({ deposits: '100000.00', homes: 3 }),
        }),
      ],
    }),
    true,
  ],
  [
    'clergy apart exactly 3 years not counted',
    eligInput({
      members: [
        self(),
        member('c', 'CHILD', {
          birthDate: '1990-01-01',
          cannotLiveIndependently: true,
          clergyLivingApartSince: '2016-03-01',
          assets: assets({ deposits: '50000.00' }),
        }),
      ],
    }),
    true,
  ],
  [
    'clergy apart one day short of 3 years is counted',
    eligInput({
      members: [
        self(),
        member('c', 'CHILD', {
          birthDate: '1990-01-01',
          cannotLiveIndependently: true,
          clergyLivingApartSince: '2016-03-02',
          assets: assets({ deposits: '50000.00' }),
        }),
      ],
    }),
    false,
    { DEPOSITS: false },
  ],
  [
    'OTHER_HARDSHIP: property test only, no burden test',
    eligInput({ category: 'OTHER_HARDSHIP', members: [self({ medicalCosts: costs('0.00') })] }),
    true,
  ],
];

function criterion(r: EligibilityResult, id: string): boolean {
  const c = r.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id}`);
  return c.passed;
}

describe('worked examples: eligibility (Art. 5, 6, 7, 11)', () => {
  test.each(rows.map(([n, i, e, c]) => [n, i, e, c ?? {}] as const))(
    '%s',
    (_name, input, eligible, checks) => {
      const r = eligibility(input);
      for (const [id, passed] of Object.entries(checks)) expect([id, criterion(r, id)]).toEqual([id, passed]);
      expect(r.eligible).toBe(eligible);
    },
  );
});

describe('Art. 7 membership', () => {
  const on = (members: Raw[]): EligibilityResult => eligibility(eligInput({ members: [self(), ...members] }));
  const counted = (r: EligibilityResult, id: string): boolean =>
    r.household!.members.find((m) => m.id === id)!.counted;

  it.each([
    ['spouse', member('x', 'SPOUSE'), true],
    ['parent', member('x', 'PARENT'), true],
    ['minor child aged 17', member('x', 'CHILD', { birthDate: '2001-03-02' }), true],
    ['child exactly 18 and independent', member('x', 'CHILD', { birthDate: '2001-03-01' }), false],
    [
      'adult child who cannot live independently',
      member('x', 'CHILD', { birthDate: '1995-01-01', cannotLiveIndependently: true }),
      true,
    ],
    [
      'adult child studying for a bachelor degree',
      member('x', 'CHILD', { birthDate: '1998-01-01', education: 'BACHELOR_OR_BELOW' }),
      true,
    ],
    [
      'adult child in postgraduate study',
      member('x', 'CHILD', { birthDate: '1995-01-01', education: 'POSTGRADUATE' }),
      false,
    ],
    [
      'grandparent with a duty of support living together',
      member('x', 'OTHER_DEPENDANT', { legalSupportDuty: true, livesTogetherLongTerm: true }),
      true,
    ],
    [
      'sibling living together without a duty of support',
      member('x', 'OTHER_DEPENDANT', { legalSupportDuty: false, livesTogetherLongTerm: true }),
      false,
    ],
    ['parent serving a prison sentence', member('x', 'PARENT', { servingPrisonSentence: true }), false],
  ] as [string, Raw, boolean][])('%s → counted %s', (_n, m, expected) => {
    const r = on([m]);
    expect(counted(r, 'x')).toBe(expected);
    expect(r.household!.size).toBe(expected ? 2 : 1);
  });

  it('per-capita limits divide by the counted members only', () => {
    // 3 counted (self, spouse, minor) → 28,800 allowed; the independent adult child adds nobody.
    const r = eligibility(
      eligInput({
        members: [
          self({ assets: assets({ deposits: '28800.00' }) }),
          member('sp', 'SPOUSE'),
          member('m', 'CHILD', { birthDate: '2010-01-01' }),
          member('a', 'CHILD', { birthDate: '1990-01-01' }),
        ],
      }),
    );
    expect(r.household!.size).toBe(3);
    expect(r.criteria.find((c) => c.id === 'DEPOSITS')!.figures).toMatchObject({
      total: '28800.00',
      members: '3',
      perCapita: '9600.00',
      limitPerCapita: '9600.00',
    });
    expect(criterion(r, 'DEPOSITS')).toBe(true);
  });
});

describe('figures are reported, not just a verdict', () => {
  it('burden criterion shows costs, income, threshold and share', () => {
    const r = eligibility(
      eligInput({
        members: [
          self({ medicalCosts: costs('10000.00') }),
          member('sp', 'SPOUSE', { medicalCosts: costs('8000.00') }),
        ],
      }),
    );
    const b = r.criteria.find((c) => c.id === 'BURDEN')!;
    expect(b.article).toBe('Art. 5(2); Art. 11');
    expect(b.figures).toEqual({
      applicantCosts: '10000.00',
      combinedCosts: '18000.00',
      membersTreated: '2',
      householdDisposableIncome12m: '30000.00',
      threshold: '18000.00',
      share: '60.00%',
    });
    expect(r.propertyLimit).toBe('9600.00');
  });

  it('each vehicle has its own decision and reason', () => {
    const r = eligibility(withAssets({ vehicles: [truck(), { type: 'CAR' }] }));
    expect(r.vehicles!.map((v) => v.exempt)).toEqual([true, false]);
    expect(r.vehicles![0]!.reasonZh).toContain('1.6');
  });

  it('the minibus reading is a policy parameter', () => {
    const strict: PolicyVersion = {
      ...XINHUI_2018,
      eligibility: {
        ...XINHUI_2018.eligibility,
        vehicles: { ...XINHUI_2018.eligibility.vehicles, minibusRequiresLivelihoodAndAge: true },
      },
    };
    expect(eligibility(withAssets({ vehicles: [minibus()] }), strict).eligible).toBe(false);
    expect(
      eligibility(
        withAssets({ vehicles: [minibus({ usedForLivelihood: true, firstRegistrationDate: '2014-03-01' })] }),
        strict,
      ).eligible,
    ).toBe(true);
  });
});
