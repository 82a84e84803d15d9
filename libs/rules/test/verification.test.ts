import {
  HOUSEHOLD_VERIFICATION_SECTION,
  XINHUI_2018_POLICY,
  assessHousehold,
  continuationOf,
  mergeVerifiedFacts,
  parseHouseholdFacts,
  validatePolicyDocument,
  verificationDepartments,
  verificationValueProblems,
  type VerifiedFactsOfRequest,
} from '../src';
import { householdFor } from './fixtures/case-facts';

const withSection = (section: unknown) => ({ ...XINHUI_2018_POLICY.document, verification: section });

describe('the departments list is policy data (issue 15)', () => {
  test('the shipped section validates as part of a policy document, each value with its source', () => {
    expect(validatePolicyDocument(withSection(HOUSEHOLD_VERIFICATION_SECTION))).toEqual([]);
    const departments = verificationDepartments(withSection(HOUSEHOLD_VERIFICATION_SECTION) as never);
    expect(departments.map((d) => d.code)).toEqual(
      expect.arrayContaining(['PUBLIC_SECURITY', 'HOUSING', 'PBOC', 'MARKET_REGULATION', 'DISABLED_PERSONS']),
    );
    for (const d of departments) {
      expect(d.fields.source).toMatch(/赤府办发〔2014〕87号/);
      expect(d.dueWorkingDays.value).toBeGreaterThan(0);
    }
  });

  test('the published xinhui-2018 document carries none (it is never edited): no requests under it', () => {
    expect(verificationDepartments(XINHUI_2018_POLICY.document)).toEqual([]);
  });

  test('a continuation (继续执行) may add the list; its document validates', () => {
    const doc = continuationOf(XINHUI_2018_POLICY, {
      id: 'xinhui-2021-continued',
      from: '2021-10-01',
      to: '2024-12-31',
      reference: '关于继续执行的通知',
      verification: HOUSEHOLD_VERIFICATION_SECTION,
    });
    expect(validatePolicyDocument(doc)).toEqual([]);
    expect(verificationDepartments(doc)).toHaveLength(HOUSEHOLD_VERIFICATION_SECTION.departments.length);
  });

  test('every problem of a departments list is listed with its path', () => {
    const bad = {
      departments: [
        { ...HOUSEHOLD_VERIFICATION_SECTION.departments[0], code: 'police' },
        {
          ...HOUSEHOLD_VERIFICATION_SECTION.departments[1],
          fields: { value: ['homes', 'salary'], source: 's' },
          dueWorkingDays: { value: 0, source: 's' },
        },
        HOUSEHOLD_VERIFICATION_SECTION.departments[1],
      ],
    };
    const issues = validatePolicyDocument(withSection(bad));
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['verification.departments[0].code', 'FORMAT'],
      ['verification.departments[1].fields.value[1]', 'UNKNOWN_VALUE'],
      ['verification.departments[1].dueWorkingDays.value', 'OUT_OF_RANGE'],
    ]);
    const duplicate = validatePolicyDocument(
      withSection({
        departments: [
          HOUSEHOLD_VERIFICATION_SECTION.departments[1],
          HOUSEHOLD_VERIFICATION_SECTION.departments[1],
        ],
      }),
    );
    expect(duplicate.map((i) => [i.path, i.code])).toEqual([
      ['verification.departments[1].code', 'DUPLICATE'],
    ]);
  });
});

describe('answers', () => {
  test('each field asked is answered in its form; every problem is listed', () => {
    expect(verificationValueProblems(['homes', 'deposits'], { homes: 1, deposits: '5000.00' })).toEqual([]);
    expect(
      verificationValueProblems(['vehicles', 'businesses', 'registeredInDistrict'], {
        vehicles: [{ type: 'MOTORCYCLE' }],
        businesses: [{ kind: 'SMALL_SHOP', employees: 0 }],
        registeredInDistrict: false,
      }),
    ).toEqual([]);
    const problems = verificationValueProblems(['homes', 'deposits', 'vehicles'], {
      homes: -1,
      deposits: 5000,
      vehicles: [{ type: 'SPACESHIP' }],
      salary: '1.00',
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['values.salary', 'UNKNOWN_FIELD'],
      ['values.homes', 'INVALID_TYPE'],
      ['values.deposits', 'MONEY_FORMAT'],
      ['values.vehicles', 'INVALID_VALUE'],
    ]);
    for (const p of problems) expect(p.messageZh.length * p.messageEn.length).toBeGreaterThan(0);
  });
});

describe('answered facts feed the eligibility input', () => {
  const request = (over: Partial<VerifiedFactsOfRequest>): VerifiedFactsOfRequest => ({
    requestId: 'VR-1',
    department: 'PBOC',
    departmentName: '人民银行支行（经各金融机构）',
    memberId: 'm1',
    status: 'ANSWERED',
    values: { deposits: '90000.00', securities: '0.00' },
    answeredOn: '2019-03-06',
    reference: 'YH-2019-77',
    via: 'API',
    reusedFrom: null,
    corrections: [],
    unobtainableReason: null,
    ...over,
  });
  const known = { applicationDate: '2019-03-10', category: 'ILLNESS_POVERTY' as const };

  test("an answer replaces what was typed, with the department as the fact's source", () => {
    // m1 typed 12,000 of deposits and the household passes Art. 6(2); the banks say 90,000.
    const typed = assessHousehold(parseHouseholdFacts(householdFor(), known), XINHUI_2018_POLICY.version);
    expect(typed.criteria.find((c) => c.id === 'DEPOSITS')?.passed).toBe(true);
    const merged = mergeVerifiedFacts(householdFor(), [
      request({}),
      request({
        requestId: 'VR-2',
        department: 'HOUSING',
        departmentName: '住房城乡建设局',
        status: 'UNOBTAINABLE',
        values: {},
        answeredOn: null,
        reference: null,
        via: null,
        unobtainableReason: '系统迁移',
      }),
    ]);
    const facts = parseHouseholdFacts(merged.household, known);
    expect(facts.evidence).toContainEqual({
      fact: 'members.m1.assets.deposits',
      source: '人民银行支行（经各金融机构）（家庭经济状况核对）',
      verifiedOn: '2019-03-06',
      reference: 'YH-2019-77',
    });
    const result = assessHousehold(facts, XINHUI_2018_POLICY.version);
    expect(result.criteria.find((c) => c.id === 'DEPOSITS')?.passed).toBe(false);
    expect(result.eligible).toBe(false);
    expect(merged.verifications).toEqual([
      expect.objectContaining({ requestId: 'VR-1', status: 'ANSWERED', applied: ['deposits', 'securities'] }),
      expect.objectContaining({
        requestId: 'VR-2',
        status: 'UNOBTAINABLE',
        unobtainableReason: '系统迁移',
        applied: [],
      }),
    ]);
  });

  test('an answer about a member the facts do not list is reported, not invented', () => {
    const merged = mergeVerifiedFacts(householdFor(), [request({ memberId: 'm9' })]);
    expect(merged.verifications[0]!.notApplied).toEqual([
      { field: 'deposits', why: 'no member m9 in the household facts' },
      { field: 'securities', why: 'no member m9 in the household facts' },
    ]);
    expect(merged.household).toEqual(householdFor());
  });
});
