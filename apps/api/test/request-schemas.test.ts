import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { COMMAND_BODIES, COMMAND_TYPES, bodyProblem, type CommandType } from '../../../libs/domain/src';
import { CASE_ACTIONS, type CaseActionPath } from '../src/cases/case-actions';
import { requestSchema, withCaseRequestBodies } from '../src/cases/request-schemas';

/**
 * The JSON Schema OpenAPI publishes for each request body and the domain's own check of a person's request
 * (`bodyProblem(…, 'request')`) come from one declaration (COMMAND_BODIES); here they must agree on every
 * body: valid samples and thousands of mutations of them.
 */
const D = '2019-03-01';
const VALID: Record<CaseActionPath | 'create', readonly object[]> = {
  create: [
    {
      category: 'ILLNESS_POVERTY',
      town: '会城街道',
      applicationDate: D,
      applicant: { name: '陈阿姨', householdSize: 3, personRef: 'P-440705-0001' },
    },
  ],
  accept: [{}, { note: '材料齐全' }, { note: null }],
  'request-materials': [{ missingItems: ['户口本'], noticeRef: 'N-1' }],
  'supply-materials': [{ suppliedItems: ['户口本'] }],
  investigation: [
    {
      investigatorIds: ['cw-001', 'cw-002'],
      visitedOn: D,
      findings: '医疗负担重',
      survey: { ref: 'DC-1', signedByInvestigatorIds: ['cw-001', 'cw-002'], signedByApplicant: true },
      household: { residence: { registeredInDistrict: true } },
    },
  ],
  'town-review': [
    { eligible: true, opinion: '符合条件' },
    { eligible: false, opinion: '不符', overrideReason: '' },
  ],
  objection: [
    { objector: '村民', summary: '收入不实', evidenceRefs: ['E-1'], evidenceValid: true },
    { objector: '村民', summary: '收入不实', evidenceRefs: [], evidenceValid: false },
  ],
  'democratic-review': [{ eligible: true, conclusion: '符合', participants: ['村委'], heldOn: D }],
  submit: [{ materialsRef: 'M-1' }],
  'district-review': [
    { eligible: true, calculation: { bills: [] } },
    { eligible: false, reasons: ['收入超标'], household: {}, overrideReason: '核实' },
  ],
  're-investigation': [
    { approve: true, findings: '异议不成立' },
    { approve: true, findings: '金额调整', calculation: {} },
    { approve: false, findings: '异议成立', reasons: ['隐瞒收入'] },
  ],
  approve: [{ decisionRef: 'D-1' }, { decisionRef: 'D-1', approvedAmount: '1234.50' }],
  refuse: [{ reasons: ['不符合条件'] }],
  'request-funds': [{ requestRef: 'R-1' }],
  disbursement: [{ amount: '100.00', bankReference: 'B-1', paidOn: D }],
  'written-notice': [{ noticeRef: 'N-2', deliveredOn: D }],
  withdraw: [{ reason: '申请人撤回' }],
  death: [
    { dateOfDeath: D, heir: null },
    { dateOfDeath: D },
    { dateOfDeath: D, heir: { name: '陈一', personRef: 'P-2', relation: '子' } },
  ],
  'name-heir': [{ heir: { name: '陈一', personRef: 'P-2', relation: '子' } }],
  suspend: [{ reason: '拒不出院' }, { reason: '拒不出院', ground: 'REFUSES_DISCHARGE' }],
  resume: [{ reason: '已出院' }],
  fraud: [{ kind: 'COERCION', findings: '胁迫', evidenceRefs: ['E-9'] }],
  recovery: [{ amount: '0.01', reference: 'R-9', recoveredOn: D }],
  reassign: [
    { step: 'INVESTIGATION', reason: '休假' },
    { step: 'INVESTIGATION', reason: '休假', toStaffId: null },
  ],
  'extend-deadline': [{ step: 'INVESTIGATION', newDueDate: D, reason: '台风' }],
};

const typeOf = (action: CaseActionPath | 'create'): CommandType =>
  action === 'create' ? 'SubmitApplication' : CASE_ACTIONS[action];

const ajv = new Ajv({ allErrors: false, strict: true });
addFormats(ajv, ['date', 'date-time']);
ajv.addVocabulary(['example']);
const validators = new Map(
  (Object.keys(VALID) as Array<CaseActionPath | 'create'>).map((action) => {
    const type = typeOf(action);
    return [action, ajv.compile(requestSchema(type))] as const;
  }),
);

function agree(action: CaseActionPath | 'create', body: unknown) {
  const schemaSays = validators.get(action)!(body) as boolean;
  const domainSays = bodyProblem(COMMAND_BODIES[typeOf(action)], body, 'request');
  return { schemaSays, domainSays: domainSays === null, domainProblem: domainSays };
}

test('every command type has a declared body, and every action and POST /cases a request schema', () => {
  expect(Object.keys(COMMAND_BODIES).sort()).toEqual([...COMMAND_TYPES].sort());
  for (const type of ['SubmitApplication', ...Object.values(CASE_ACTIONS)] as CommandType[]) {
    expect(requestSchema(type)).toMatchObject({ type: 'object', properties: expect.any(Object) });
  }
});

test('the OpenAPI document gets one operation with its body per action', () => {
  const doc = withCaseRequestBodies({
    paths: {
      '/cases': { post: { summary: 'create' } },
      '/cases/{caseId}/{action}': {
        post: { summary: 'act', parameters: [{ name: 'caseId' }, { name: 'action' }] },
      },
    },
  });
  expect(doc.paths['/cases/{caseId}/{action}' as keyof typeof doc.paths]).toBeUndefined();
  const paths = doc.paths as unknown as Record<
    string,
    { post: { requestBody: unknown; parameters: unknown[] } }
  >;
  for (const action of Object.keys(CASE_ACTIONS)) {
    expect(paths[`/cases/{caseId}/${action}`].post.parameters).toEqual([{ name: 'caseId' }]);
    expect(JSON.stringify(paths[`/cases/{caseId}/${action}`].post.requestBody)).toContain(
      `#/components/schemas/${CASE_ACTIONS[action as CaseActionPath]}Request`,
    );
  }
  expect(JSON.stringify(paths['/cases'].post.requestBody)).toContain('SubmitApplicationRequest');
});

test.each(Object.entries(VALID).flatMap(([action, bodies]) => bodies.map((body) => [action, body] as const)))(
  '%s: the valid sample %j passes both',
  (action, body) => {
    expect(agree(action as CaseActionPath, body)).toMatchObject({ schemaSays: true, domainSays: true });
  },
);

test.each([
  ['investigation', 'data.household', { household: undefined }],
  ['investigation', 'data.visitedOn', { visitedOn: '2019-02-29' }],
  ['investigation', 'data.eligibility', { eligibility: { eligible: true } }],
  ['investigation', 'data.findings', { findings: ' ' }],
  ['investigation', 'data.findings', { findings: '案'.repeat(4001) }],
  ['district-review', 'data.proposedAmount', { proposedAmount: '100.00' }],
  ['district-review', 'data.calculation', { calculation: undefined }],
  ['objection', 'data.evidenceRefs', { evidenceRefs: [] }],
  ['disbursement', 'data.amount', { amount: '0.00' }],
  ['disbursement', 'data.amount', { amount: 100 }],
  ['name-heir', 'data.heir', { heir: null }],
  ['death', 'data.heir.relation', { heir: { name: '陈一', personRef: 'P-2' } }],
  ['create', 'data.applicant.householdSize', { applicant: { name: '陈', householdSize: 0, personRef: 'P' } }],
  ['create', 'data.category', { category: 'RICH' }],
  ['reassign', 'data.step', { step: 'NOWHERE' }],
])('%s: refused by both, the domain naming %s', (action, field, change) => {
  const body = { ...VALID[action as CaseActionPath][0], ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete (body as never)[key];
  const verdict = agree(action as CaseActionPath, body);
  expect(verdict).toMatchObject({ schemaSays: false, domainSays: false });
  expect(verdict.domainProblem).toMatchObject({ code: expect.any(String), field });
});

const HOSTILE: unknown[] = [
  null,
  '',
  '  ',
  'x',
  'x'.repeat(201),
  '案'.repeat(4001),
  '\u{1F600}'.repeat(101),
  0,
  1,
  -1,
  1.5,
  1e21,
  true,
  false,
  [],
  [''],
  ['a'],
  ['a', ' '],
  Array.from({ length: 101 }, () => 'a'),
  {},
  { a: 1 },
  '2019-02-29',
  '2020-02-29',
  '2019-13-01',
  '100',
  '0.00',
  '0.001',
  '12.34',
  '-1.00',
  'ILLNESS_POVERTY',
  'INVESTIGATION',
  'COERCION',
  'DISTRICT_BUREAU',
];
const KEYS = [
  'eligible',
  'approve',
  'evidenceValid',
  'proposedAmount',
  'breakdownRef',
  'approvalAuthority',
  'eligibility',
  'calculation',
  'household',
  'overrideReason',
  'heir',
  'survey',
  'applicant',
  'unknownField',
];
const NESTED_KEYS = [
  'name',
  'householdSize',
  'personRef',
  'ref',
  'relation',
  'signedByApplicant',
  'signedByInvestigatorIds',
];

test('the schema and the domain agree on every mutation of a valid body', () => {
  const mutation = fc
    .constantFrom(...(Object.keys(VALID) as Array<CaseActionPath | 'create'>))
    .chain((action) =>
      fc.record({
        action: fc.constant(action),
        base: fc.constantFrom(...VALID[action]),
        changes: fc.array(
          fc.record({
            key: fc.constantFrom(...new Set([...VALID[action].flatMap((b) => Object.keys(b)), ...KEYS])),
            nested: fc.option(fc.constantFrom(...NESTED_KEYS), { nil: undefined }),
            value: fc.option(fc.constantFrom(...HOSTILE), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    );
  fc.assert(
    fc.property(mutation, ({ action, base, changes }) => {
      const body = structuredClone(base) as Record<string, unknown>;
      for (const { key, nested, value } of changes) {
        const target =
          nested !== undefined &&
          typeof body[key] === 'object' &&
          body[key] !== null &&
          !Array.isArray(body[key])
            ? (body[key] as Record<string, unknown>)
            : body;
        const at = target === body ? key : nested!;
        if (value === undefined) delete target[at];
        else target[at] = structuredClone(value);
      }
      const verdict = agree(action, body);
      if (verdict.schemaSays !== verdict.domainSays) {
        throw new Error(`${action} ${JSON.stringify(body)}: ${JSON.stringify(verdict)}`);
      }
    }),
    { numRuns: 5000, seed: 11 },
  );
});
