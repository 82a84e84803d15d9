import { ROLES } from '../actors';
import type { CommandType } from '../commands';
import { CATEGORIES, PERIOD_KEYS, STEPS } from '../steps';
import {
  ANY,
  BOOLEAN,
  DATE,
  INSTANT,
  MAX,
  MONEY,
  anyText,
  facts,
  field,
  listOf,
  objectOf,
  oneOf,
  text,
  type BodySpec,
  type Field,
  type Message,
} from './shapes';

/**
 * The data of every command, declared once: the decider checks it (`bodyProblem`), the workflow refuses
 * from a person what the system decides, and the API publishes it as the JSON Schema of each request body.
 * A missing entry is a compile error.
 */

const wholeNumber = (minimum: number) => ({ kind: 'integer', minimum }) as const;
const wholeNumberMessage = (min: number): Message => [
  `须为不小于 ${min} 的整数。`,
  `must be a whole number of at least ${min}.`,
];
const STEP_MESSAGE: Message = ['须指明环节。', 'name the step.'];
const DUE_AT_MESSAGE: Message = [
  '须为带时区的时间，如 2019-03-08T23:59:59+08:00。',
  'must be an ISO instant with offset, e.g. 2019-03-08T23:59:59+08:00.',
];
const AUTHORITIES = ['DISTRICT_BUREAU', 'DISTRICT_LEADER'] as const;
const PUBLICITY_STEPS = ['FIRST_NOTICE', 'SECOND_NOTICE'] as const;
const REMINDER_KINDS = ['OPENED', 'BEFORE_DUE', 'DUE', 'OVERDUE'] as const;

const AMOUNT_BY_RULES: Message = [
  '金额由规则依据 calculation 计算。',
  'the amount is computed by the rules from calculation.',
];
const BREAKDOWN_BY_SYSTEM: Message = [
  '计算明细由系统保存并编号。',
  'the breakdown is stored and numbered by the system.',
];
const AUTHORITY_BY_AMOUNT: Message = [
  '审批权限按第十七条由金额决定。',
  'the approval authority follows from the amount (Art. 17).',
];
const ELIGIBILITY_BY_RULES: Message = [
  '资格由规则依据 household 中登记的事实认定。',
  'eligibility is decided by the rules from the facts in household.',
];

const textList = (description: string, rest: Partial<Field> = {}) =>
  field(listOf(text(), 1), description, rest);
const ref = (description: string, rest: Partial<Field> = {}) => field(text(MAX.ref), description, rest);
const reason = (description = 'Why (kept in the history).') => field(text(), description);
const optional = (f: Field): Field => ({ ...f, required: false });
const system = (f: Field, refusedFromPeople?: Message): Field => ({
  ...f,
  source: 'system',
  ...(refusedFromPeople ? { refusedFromPeople } : {}),
});
const step = (description: string) => field(oneOf(STEPS), description, { message: STEP_MESSAGE });

const overrideReason = optional(
  field(
    anyText(),
    'Why the conclusion differs from the eligibility the rules decided (required then; recorded and shown to supervisors).',
    { nullable: true },
  ),
);
const eligibilityOutcome = (description: string) =>
  optional(system(field(ANY, description), ELIGIBILITY_BY_RULES));
const calculation = field(
  facts('libs/rules calculation input'),
  'The libs/rules calculation input (the costs; see libs/rules/README.md): the worker computes the amount, its explanation by article and the Art. 17 authority.',
  {
    source: 'request',
    message: [
      '认定符合条件时须提交费用计算输入（calculation），金额和审批权限由系统计算。',
      'an eligible review must carry the calculation input; the amount and approval authority are computed by the system.',
    ],
  },
);
const amountBySystem = {
  proposedAmount: system(field(MONEY, 'The amount (computed by the rules).'), AMOUNT_BY_RULES),
  breakdownRef: system(ref('The stored calculation.'), BREAKDOWN_BY_SYSTEM),
  approvalAuthority: system(field(oneOf(AUTHORITIES), 'Art. 17 authority.'), AUTHORITY_BY_AMOUNT),
};

const heirShape = objectOf({
  name: field(text(MAX.name), 'Name.'),
  personRef: ref('Reference of the person.'),
  relation: field(text(MAX.name), 'Relation to the applicant.'),
});

const period = field(
  objectOf({
    unit: field(oneOf(['workingDays', 'calendarDays', 'months']), 'Unit.'),
    count: field({ kind: 'integer', minimum: 1 }, 'How many.'),
  }),
  'A process period from the policy version.',
  {
    whole: true,
    message: [
      '须为 {unit: workingDays|calendarDays|months, count: 正整数}。',
      'must be {unit: workingDays|calendarDays|months, count: positive integer}.',
    ],
  },
);

export const COMMAND_BODIES: { [T in CommandType]: BodySpec } = {
  SubmitApplication: {
    description: '登记申请 Register an application (Art. 15(1)).',
    fields: {
      caseId: system(ref('The case id (from the Idempotency-Key).')),
      category: field(oneOf(CATEGORIES), 'Category of the applicant (Art. 5).', {
        message: [
          `救助对象类别须为：${CATEGORIES.join('、')}。`,
          `category must be one of ${CATEGORIES.join(', ')}.`,
        ],
        example: 'ILLNESS_POVERTY',
      }),
      town: field(text(MAX.name), 'Town or street (镇街) of household registration: the caseworker’s own.', {
        example: '会城街道',
      }),
      applicationDate: field(
        DATE,
        'YYYY-MM-DD: the case is judged under the policy version in force on it.',
        {
          example: '2019-03-01',
        },
      ),
      applicant: field(
        objectOf({
          name: field(text(MAX.name), 'Name (published on the notices).', { example: '陈阿姨' }),
          personRef: ref('Reference of the person in the document store (no ID numbers here).', {
            example: 'P-440705-0001',
          }),
          householdSize: field(
            { kind: 'integer', minimum: 1 },
            'Household size (published on the notices).',
            {
              message: ['家庭人数须为正整数。', 'household size must be a positive integer.'],
              example: 3,
            },
          ),
        }),
        'Only what the case needs and publishes (Art. 15(7)).',
        { message: ['缺少申请人信息。', 'applicant missing.'] },
      ),
      policyVersion: system(ref('The policy version in force on the application date.')),
      periods: system(
        field(
          objectOf(Object.fromEntries(PERIOD_KEYS.map((key) => [key, period]))),
          'The process periods of the policy version.',
          {
            message: [
              '缺少办理时限参数（应取自政策版本）。',
              'process periods missing (take them from the policy version).',
            ],
          },
        ),
      ),
      posts: optional(
        system(
          field(
            {
              kind: 'map',
              keys: ROLES,
              entry: field(
                objectOf({ a: ref('A post.'), b: optional(ref('B post.')) }),
                'A and B posts of the role.',
                {
                  whole: true,
                  message: [
                    '须为 {a: A岗人员, b?: B岗人员}。',
                    'must be {a: A-post staff id, b?: B-post staff id}.',
                  ],
                },
              ),
            },
            'AB posts by role (首问责任制: the registering caseworker by default).',
            { message: ['须为按角色列出的A岗/B岗。', 'must list A/B posts by role.'] },
          ),
        ),
      ),
      urgeFlagThreshold: optional(
        system(field({ kind: 'integer', minimum: 1 }, '督查督办 四(三): flagged after this many 催办.')),
      ),
      systemDecides: optional(system(field(ANY, 'Issue 10 contract (set by the system).'))),
      procedure: optional(
        system(
          field(
            ANY,
            'Issue 12: the procedure parameters of the policy version (checked by libs/domain procedure).',
          ),
        ),
      ),
    },
  },
  AcceptApplication: {
    description: '受理申请 Accept the application.',
    fields: { note: optional(field(anyText(), 'A note.', { nullable: true })) },
  },
  RequestMissingMaterials: {
    description: '一次性告知补正材料 Every missing item in one single written notice.',
    fields: {
      missingItems: textList('Every missing item (names used again when they are supplied).'),
      noticeRef: ref('The written notice.'),
    },
  },
  SupplyMaterials: {
    description: '补齐材料 Items supplied, named as in the notice.',
    fields: { suppliedItems: textList('Items supplied.') },
  },
  RecordInvestigation: {
    description:
      '录入入户调查结果 Home investigation (Art. 15(2)) with the household facts and their sources.',
    fields: {
      investigatorIds: textList('At least 2 investigators (Art. 15(2)).'),
      visitedOn: field(DATE, 'Date of the home visit.'),
      findings: field(text(), 'Findings.'),
      survey: field(
        objectOf({
          ref: ref('The survey form.'),
          signedByInvestigatorIds: field(
            listOf(text(), 0),
            'Investigators who signed it (all of them must).',
          ),
          signedByApplicant: field(BOOLEAN, 'Signed by the applicant (required to proceed).'),
        }),
        'Household economic survey (家庭经济状况调查表).',
        { message: ['缺少家庭经济状况调查表。', 'household economic survey missing.'] },
      ),
      household: field(
        facts('libs/rules parseHouseholdFacts'),
        'The household facts with the source and verification date of each (libs/rules/README.md): residence, 12-month income, members, assets, medical costs. The rules decide eligibility from them.',
        {
          source: 'request',
          message: [
            '请登记家庭经济状况事实（住所、近12个月家庭可支配收入、成员、资产、医疗费用）及每项事实的来源和核实日期。',
            'record the household facts (residence, disposable income of the last 12 months, members, assets, medical costs) with the source and verification date of each.',
          ],
        },
      ),
      eligibility: eligibilityOutcome('Eligibility as the rules decided it from household.'),
    },
  },
  RecordTownReview: {
    description: '录入镇街审核意见 Town review (Art. 15(3)).',
    fields: {
      eligible: field(BOOLEAN, 'The town’s conclusion.'),
      opinion: field(text(), 'The opinion.'),
      overrideReason,
    },
  },
  RaiseObjection: {
    description: '登记公示异议 An objection to a publicity notice (Art. 15(4), 15(8)).',
    fields: {
      objector: field(text(MAX.name), 'Who objects.'),
      summary: field(text(), 'What.'),
      evidenceRefs: field(listOf(text(MAX.ref), 0), 'Evidence (required when held valid).'),
      evidenceValid: field(BOOLEAN, 'Held valid (at the first publicity only a valid one leads to review).'),
    },
    variants: {
      on: 'evidenceValid',
      cases: {
        true: {
          evidenceRefs: field(listOf(text(MAX.ref), 1), 'Evidence.', {
            whole: true,
            message: ['认定证据有效时须登记证据。', 'list the evidence when it is held valid.'],
          }),
        },
        false: {},
      },
    },
  },
  RecordDemocraticReview: {
    description: '录入民主评议结论 Democratic review (Art. 15(4)-(5)).',
    fields: {
      eligible: field(BOOLEAN, 'The conclusion.'),
      conclusion: field(text(), 'The conclusion in words (its reason when it differs from the rules).'),
      participants: textList('Participants.'),
      heldOn: field(DATE, 'Date held.'),
    },
  },
  SubmitToDistrict: {
    description: '上报区民政部门 Submit to the district (Art. 15(4)).',
    fields: { materialsRef: ref('The materials sent.') },
  },
  RecordDistrictReview: {
    description:
      '录入区民政审核意见 District review (Art. 15(6); Art. 14 direct route). Eligible: the calculation input; not: the reasons.',
    fields: {
      eligible: field(BOOLEAN, 'The conclusion.'),
      household: optional(
        field(
          facts('libs/rules parseHouseholdFacts'),
          'Direct route (Art. 14), when the case has no eligibility assessment yet: the household facts with their sources.',
          {
            source: 'request',
            message: [
              '本案尚无资格认定（直接审核路径，第十四条）：请在 household 中登记家庭事实及来源，由系统认定资格。',
              'this case has no eligibility assessment yet (direct route, Art. 14): record the household facts with their sources in household.',
            ],
          },
        ),
      ),
      overrideReason,
      eligibility: eligibilityOutcome('Eligibility as the rules decided it from household.'),
    },
    variants: {
      on: 'eligible',
      cases: {
        true: { ...amountBySystem, calculation },
        false: { reasons: textList('Reasons (in the written notice).') },
      },
    },
  },
  RecordReInvestigation: {
    description: '录入重新调查核实结论 Re-investigation after an objection (Art. 15(8) para. 2).',
    fields: {
      approve: field(BOOLEAN, 'The conclusion.'),
      findings: field(text(), 'Findings.'),
    },
    variants: {
      on: 'approve',
      cases: {
        true: {
          proposedAmount: optional(amountBySystem.proposedAmount),
          breakdownRef: { ...amountBySystem.breakdownRef, required: { with: 'proposedAmount' } },
          approvalAuthority: { ...amountBySystem.approvalAuthority, required: { with: 'proposedAmount' } },
          calculation: optional({
            ...calculation,
            description: 'A new calculation input, when the amount changes.',
          }),
        },
        false: { reasons: textList('Reasons (in the written notice).') },
      },
    },
  },
  Approve: {
    description: '审批同意 Approve (Art. 15(8), Art. 17).',
    fields: {
      decisionRef: ref('The approval decision.'),
      approvedAmount: optional(field(MONEY, 'When given, must equal the amount proposed.')),
    },
  },
  Refuse: {
    description: '不予救助/不予受理 Refuse, with reasons for the written notice.',
    fields: { reasons: textList('Reasons.') },
  },
  RequestFunds: {
    description: '向财政申请资金 Request funds (Art. 15(8)).',
    fields: { requestRef: ref('The funds request.') },
  },
  RecordDisbursement: {
    description: '登记财政拨付 Payment of the approved amount (Art. 15(8)).',
    fields: {
      amount: field(MONEY, 'The amount paid: the approved amount.'),
      bankReference: ref('Bank reference.'),
      paidOn: field(DATE, 'Date paid.'),
    },
  },
  IssueWrittenNotice: {
    description: '送达书面告知 Written refusal notice delivered.',
    fields: { noticeRef: ref('The notice.'), deliveredOn: field(DATE, 'Date delivered.') },
  },
  Withdraw: { description: '撤回申请 Withdraw.', fields: { reason: reason() } },
  NameHeir: {
    description: '登记法定继承人 The legal heir who came forward after the death was reported (Art. 22).',
    fields: {
      heir: field(heirShape, 'The legal heir, who receives the aid.', {
        message: [
          '须填写法定继承人信息 {name, personRef, relation}。',
          'give the legal heir {name, personRef, relation}.',
        ],
      }),
    },
  },
  ReportDeath: {
    description: '报告申请人死亡 Death of the applicant (Art. 22).',
    fields: {
      dateOfDeath: field(DATE, 'Date of death.'),
      heir: field(
        heirShape,
        'The legal heir who receives the aid, or null when there is none (the case then ends). Left out: none known yet — the case waits for one (NameHeir) under the policy’s procedure; required for cases without one.',
        {
          required: false,
          nullable: true,
          message: [
            '须填写法定继承人信息，或填 null 表示无法定继承人。',
            'give the legal heir, or null when there is none.',
          ],
          missingMessage: [
            '须填写法定继承人，或填 null 表示无法定继承人。',
            'give the legal heir, or null when there is none.',
          ],
        },
      ),
    },
  },
  Suspend: {
    description: '暂停救助 Suspend (Art. 20).',
    fields: {
      reason: reason(),
      ground: optional(
        field(
          text(MAX.ref),
          'One of the policy’s suspension grounds (code); required for cases under a procedure.',
        ),
      ),
    },
  },
  Resume: { description: '恢复办理 Resume.', fields: { reason: reason() } },
  ReportFraud: {
    description: '查实骗取救助 Verified fraud (Art. 35): aid cancelled, money recovered.',
    fields: {
      kind: field(oneOf(['FALSE_DECLARATION', 'COERCION']), 'Art. 35(1) or 35(2).', {
        message: [
          '须为 FALSE_DECLARATION（虚报、隐瞒、伪造）或 COERCION（胁迫工作人员出具证明）。',
          'must be FALSE_DECLARATION or COERCION (Art. 35(1)/(2)).',
        ],
      }),
      findings: field(text(), 'Findings.'),
      evidenceRefs: field(listOf(text(MAX.ref), 1), 'The verified evidence.', {
        whole: true,
        message: ['“一经查实”：须登记查实的证据。', 'Art. 35 requires verified facts: list the evidence.'],
      }),
    },
  },
  RecordRecovery: {
    description: '登记追回救助金 Money recovered.',
    fields: {
      amount: field(MONEY, 'Amount recovered (at most what is outstanding).'),
      reference: ref('Receipt.'),
      recoveredOn: field(DATE, 'Date.'),
    },
  },
  Reassign: {
    description: '转交B岗/改派 Hand a step to the B post or to someone named (AB岗工作制).',
    fields: {
      step: step('The open step.'),
      reason: reason(),
      toStaffId: optional(
        field(anyText(MAX.ref), 'To whom; without it A → B post (or back).', { nullable: true }),
      ),
    },
  },
  ExtendDeadline: {
    description: '批准延期 A leader extends a step’s deadline (the statutory due stays on record).',
    fields: {
      step: step('The open step.'),
      newDueDate: field(DATE, 'New due date, later than the current one.'),
      reason: reason(),
    },
  },
  RecordDeadline: {
    description: 'The due date the calendar computed (system).',
    fields: {
      step: step('The step.'),
      dueDate: field(DATE, 'Due date.'),
      dueAt: field(INSTANT, 'Due instant.', { message: DUE_AT_MESSAGE }),
      provisional: field(BOOLEAN, 'Past the official holiday data known so far.'),
    },
  },
  RecomputeDeadline: {
    description: 'A provisional due date counted again (system).',
    fields: {
      step: step('The step.'),
      dueDate: field(DATE, 'Due date.'),
      dueAt: field(INSTANT, 'Due instant.', { message: DUE_AT_MESSAGE }),
      provisional: field(BOOLEAN, 'Past the official holiday data known so far.'),
    },
  },
  ClosePublicityPeriod: {
    description: 'The publicity period ran out (system).',
    fields: { step: field(oneOf(PUBLICITY_STEPS), 'The publicity step.') },
  },
  IssueReminder: {
    description: 'A reminder or 催办 (system).',
    fields: { kind: field(oneOf(REMINDER_KINDS), 'Kind.'), step: step('The step.') },
  },
  CloseRecipientsList: { description: 'The recipients list period ended (system).', fields: {} },
  RecordHeirDeadline: {
    description: 'Art. 22: the date by which an heir must come forward (system).',
    fields: {
      dueDate: field(DATE, 'Due date.'),
      dueAt: field(INSTANT, 'Due instant.', { message: DUE_AT_MESSAGE }),
      provisional: field(BOOLEAN, 'Past the official holiday data known so far.'),
    },
  },
  EndForNoHeir: { description: 'Art. 22: no heir came forward in time (system).', fields: {} },
  RequestVerification: {
    description: '发起家庭经济状况核对 Ask a department about one household member (issue 15).',
    fields: {
      requestId: ref('The request.'),
      department: ref('Department code.'),
      departmentName: field(text(MAX.name), 'Department name (from the policy version).'),
      memberId: ref('The household member.'),
      personRef: ref('Reference of the member.'),
      fields: textList('The facts asked.'),
      legalBasis: field(text(), 'Legal basis of the query (from the policy version).'),
      dueWorkingDays: field(wholeNumber(1), 'Working days to answer (from the policy version).', {
        message: wholeNumberMessage(1),
      }),
      reuseDays: field(wholeNumber(0), 'Days within which another case’s answer is reused.', {
        message: wholeNumberMessage(0),
      }),
      authorisation: optional(
        field(
          objectOf({
            reference: ref('The written authorisation (授权书).'),
            signedOn: field(DATE, 'Date signed.'),
          }),
          'The applicant’s written authorisation; required unless the case already holds one.',
          { message: ['须为 {reference, signedOn}。', 'must be {reference, signedOn}.'] },
        ),
      ),
      reuse: optional(
        system(field(ANY, 'Another case’s answer within the reuse window (filled in by the system).')),
      ),
    },
  },
  AnswerVerification: {
    description: '反馈核对结果 A department’s answer.',
    fields: {
      requestId: ref('The request.'),
      values: field(
        facts('the request’s fields (checked against the request)'),
        'The answered values, by field asked.',
        { message: ['须为按核对事项填写的对象。', 'must be an object keyed by the fields asked.'] },
      ),
      answeredOn: field(DATE, 'Date answered.'),
      reference: ref('The department’s reference.'),
      via: field(oneOf(['API', 'IMPORT']), 'How the answer arrived.'),
    },
  },
  MarkVerificationUnobtainable: {
    description: '登记无法核对 A request that cannot be answered, with the reason.',
    fields: { requestId: ref('The request.'), reason: reason() },
  },
  CorrectVerifiedFact: {
    description: '更正核对事实 Correct one answered fact, with the reason.',
    fields: {
      requestId: ref('The request.'),
      field: ref('One of the fields asked (checked against the request).'),
      value: field(ANY, 'The corrected value.', {
        message: ['须填写更正后的值。', 'give the corrected value.'],
      }),
      reason: reason(),
    },
  },
  UrgeVerification: {
    description: '催办核对请求 Urge an overdue request.',
    fields: { requestId: ref('The request.') },
  },
  RemindVerification: {
    description: "提醒 The request falls due today (system, on the due day's office morning).",
    fields: { requestId: ref('The request.') },
  },
  RecordVerificationDue: {
    description: 'The due date of a request, counted by the calendar (system).',
    fields: {
      requestId: ref('The request.'),
      dueDate: field(DATE, 'Due date.'),
      dueAt: field(INSTANT, 'Due instant.', {
        message: ['须为带时区的 ISO 时间。', 'must be an ISO instant with offset.'],
      }),
      provisional: field(BOOLEAN, 'Past the official holiday data known so far.'),
    },
  },
};
