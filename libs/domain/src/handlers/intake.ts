import { isRole, type Post, type Role } from '../actors';
import { eventFrom, type CaseEvent } from '../events';
import { isNonEmptyString, isRecord } from '../formats';
import { procedureProblem } from '../procedure';
import { reject, type Rejection } from '../rejections';
import type { CaseState } from '../state';
import { currentStep } from '../state';
import { CATEGORIES, PERIOD_KEYS, routeFor, type Category, type Period, type PeriodKey } from '../steps';
import {
  accept,
  advance,
  afterEvents,
  guardFrom,
  openStepEvents,
  refuse,
  type CommandHandler,
} from './handler';
import { asData, date, firstProblem, optionalText, text, textList } from './validate';

/** 督查督办工作制度 四(三): "被催办仍未完成出现3次以上" — 3 included (以上). Policy may override. */
export const DEFAULT_URGE_FLAG_THRESHOLD = 3;

const PERIOD_UNITS: readonly Period['unit'][] = ['workingDays', 'calendarDays', 'months'];

function periodsProblem(value: unknown): Rejection | null {
  if (!isRecord(value))
    return reject.invalidData(
      'data.periods',
      '缺少办理时限参数（应取自政策版本）。',
      'process periods missing (take them from the policy version).',
    );
  for (const key of PERIOD_KEYS) {
    const period = value[key];
    const valid =
      isRecord(period) &&
      typeof period.unit === 'string' &&
      (PERIOD_UNITS as readonly string[]).includes(period.unit) &&
      typeof period.count === 'number' &&
      Number.isInteger(period.count) &&
      period.count > 0;
    if (!valid) {
      return reject.invalidData(
        `data.periods.${key}`,
        '须为 {unit: workingDays|calendarDays|months, count: 正整数}。',
        'must be {unit: workingDays|calendarDays|months, count: positive integer}.',
      );
    }
  }
  return null;
}

function postsProblem(value: unknown): Rejection | null {
  if (value === undefined) return null;
  if (!isRecord(value))
    return reject.invalidData('data.posts', '须为按角色列出的A岗/B岗。', 'must list A/B posts by role.');
  for (const [role, post] of Object.entries(value)) {
    const valid =
      isRole(role) &&
      isRecord(post) &&
      isNonEmptyString(post.a) &&
      (post.b === undefined || isNonEmptyString(post.b));
    if (!valid)
      return reject.invalidData(
        `data.posts.${role}`,
        '须为 {a: A岗人员, b?: B岗人员}。',
        'must be {a: A-post staff id, b?: B-post staff id}.',
      );
  }
  return null;
}

function applicantProblem(value: unknown): Rejection | null {
  if (!isRecord(value)) return reject.invalidData('data.applicant', '缺少申请人信息。', 'applicant missing.');
  const size = value.householdSize;
  return firstProblem(
    text(value, 'name', 'data.applicant'),
    text(value, 'personRef', 'data.applicant'),
    typeof size === 'number' && Number.isInteger(size) && size > 0
      ? null
      : reject.invalidData(
          'data.applicant.householdSize',
          '家庭人数须为正整数。',
          'household size must be a positive integer.',
        ),
  );
}

export const submitApplication: CommandHandler<'SubmitApplication'> = {
  // Art. 15(1): the application is made in writing at the town of household registration.
  guard: (state, actor) => {
    if (state.status !== 'NEW') return reject.caseAlreadyExists(state.caseId);
    if (actor.role !== 'CASEWORKER')
      return reject.roleNotPermitted('SubmitApplication', actor.role, ['CASEWORKER']);
    return null;
  },
  handle: (state, command) => {
    const data = asData(command.data);
    const threshold = data.urgeFlagThreshold;
    const problem = firstProblem(
      text(data, 'caseId'),
      CATEGORIES.includes(data.category as Category)
        ? null
        : reject.invalidData(
            'data.category',
            `救助对象类别须为：${CATEGORIES.join('、')}。`,
            `category must be one of ${CATEGORIES.join(', ')}.`,
          ),
      text(data, 'town'),
      date(data, 'applicationDate'),
      applicantProblem(data.applicant),
      text(data, 'policyVersion'),
      periodsProblem(data.periods),
      postsProblem(data.posts),
      threshold === undefined ||
        (typeof threshold === 'number' && Number.isInteger(threshold) && threshold > 0)
        ? null
        : reject.invalidData('data.urgeFlagThreshold', '须为正整数。', 'must be a positive integer.'),
      procedureProblem(data.procedure),
    );
    if (problem) return refuse(problem);
    const { caseId, category, town, applicationDate, applicant, policyVersion, periods } = command.data;
    if (command.actor.town !== town) return refuse(reject.wrongTown(town, command.actor.town));
    const givenPosts: Partial<Record<Role, Post>> = command.data.posts ?? {};
    // 首问责任制: the caseworker who registers the application holds the town steps unless told otherwise.
    const posts = { ...givenPosts, CASEWORKER: givenPosts.CASEWORKER ?? { a: command.actor.id } };
    const submitted = eventFrom(command, 'ApplicationSubmitted', {
      caseId,
      route: routeFor(category),
      category,
      town,
      applicationDate,
      applicant: {
        name: applicant.name,
        householdSize: applicant.householdSize,
        personRef: applicant.personRef,
      },
      policyVersion,
      periods: Object.fromEntries(
        PERIOD_KEYS.map((key) => [key, { unit: periods[key].unit, count: periods[key].count }]),
      ) as Record<PeriodKey, Period>,
      posts,
      urgeFlagThreshold: command.data.urgeFlagThreshold ?? DEFAULT_URGE_FLAG_THRESHOLD,
      // Only present when set, so submissions recorded before issue 10 stay exactly as they were.
      ...(command.data.systemDecides === true ? { systemDecides: true } : {}),
      ...(command.data.procedure ? { procedure: command.data.procedure } : {}),
    });
    return accept([submitted, ...openStepEvents(afterEvents(state, [submitted]), 'ACCEPTANCE', command)]);
  },
};

export const acceptApplication: CommandHandler<'AcceptApplication'> = {
  guard: guardFrom({
    type: 'AcceptApplication',
    roles: ['CASEWORKER'],
    statuses: ['OPEN'],
    steps: ['ACCEPTANCE'],
    extra: (state) =>
      state.materialsNotice && state.materialsNotice.outstandingItems.length > 0
        ? reject.materialsOutstanding(state.materialsNotice.outstandingItems)
        : null,
  }),
  handle: (state, command) => {
    const problem = optionalText(asData(command.data), 'note');
    if (problem) return refuse(problem);
    const accepted = eventFrom(command, 'ApplicationAccepted', { note: command.data.note ?? null });
    return accept([accepted, ...advance(afterEvents(state, [accepted]), 'ACCEPTANCE', 'ACCEPTED', command)]);
  },
};

/**
 * Steps whose holder may issue the one notice of missing materials: the town at acceptance; under a
 * procedure (issue 12) also the district in its own review (一次性告知制 binds every office).
 */
const MATERIALS_STEPS = ['ACCEPTANCE', 'DISTRICT_REVIEW'] as const;
type MaterialsStep = (typeof MATERIALS_STEPS)[number];

function materialsStep(state: CaseState): MaterialsStep | null {
  const open = state.openSteps.find((candidate) =>
    (MATERIALS_STEPS as readonly string[]).includes(candidate.step),
  );
  if (!open) return null;
  return open.step === 'ACCEPTANCE' || state.procedure ? (open.step as MaterialsStep) : null;
}

const materialsGuard = (type: 'RequestMissingMaterials' | 'SupplyMaterials') =>
  guardFrom({
    type,
    roles: ['CASEWORKER', 'DISTRICT_REVIEWER'],
    statuses: ['OPEN'],
    steps: MATERIALS_STEPS,
    extra: (state) => {
      const step = materialsStep(state);
      if (!step) return reject.notAllowedInStep(type, currentStep(state)?.step ?? null, ['ACCEPTANCE']);
      const notice = state.materialsNotice;
      if (type === 'RequestMissingMaterials') {
        // One notice per step: before issue 12 one notice per case.
        const issued = state.procedure ? notice?.step === step : notice !== null;
        return issued && notice ? reject.duplicateMissingMaterialsNotice(notice.issuedAt) : null;
      }
      return notice && notice.step === step && notice.outstandingItems.length > 0
        ? null
        : reject.noMaterialsOutstanding();
    },
  });

export const requestMissingMaterials: CommandHandler<'RequestMissingMaterials'> = {
  // 一次性告知制 第二条(二): every missing item in one single written notice — never a second one.
  guard: materialsGuard('RequestMissingMaterials'),
  handle: (state, command) => {
    const data = asData(command.data);
    const problem = firstProblem(textList(data, 'missingItems'), text(data, 'noticeRef'));
    if (problem) return refuse(problem);
    const step = materialsStep(state) ?? 'ACCEPTANCE';
    const missingItems = [...new Set(command.data.missingItems.map((item) => item.trim()))];
    // The step's clock waits for the applicant: the workflow stops reminding on StepClockPaused.
    return accept([
      eventFrom(command, 'MaterialsRequested', { step, missingItems, noticeRef: command.data.noticeRef }),
      eventFrom(command, 'StepClockPaused', { step, reason: 'AWAITING_MATERIALS' }),
    ]);
  },
};

export const supplyMaterials: CommandHandler<'SupplyMaterials'> = {
  guard: materialsGuard('SupplyMaterials'),
  handle: (state, command) => {
    const data = asData(command.data);
    const problem = textList(data, 'suppliedItems');
    if (problem) return refuse(problem);
    const outstanding = state.materialsNotice?.outstandingItems ?? [];
    const supplied = [...new Set(command.data.suppliedItems.map((item) => item.trim()))];
    const unknown = supplied.filter((item) => !outstanding.includes(item));
    if (unknown.length > 0) {
      return refuse(
        reject.invalidData(
          'data.suppliedItems',
          `“${unknown.join('、')}”不在待补正清单中（${outstanding.join('、')}）；请按告知书所列名称登记。`,
          `"${unknown.join(', ')}" is not on the outstanding list (${outstanding.join(', ')}); use the names from the notice.`,
        ),
      );
    }
    const outstandingItems = outstanding.filter((item) => !supplied.includes(item));
    const events: CaseEvent[] = [
      eventFrom(command, 'MaterialsSupplied', { suppliedItems: supplied, outstandingItems }),
    ];
    if (outstandingItems.length === 0) {
      // Choice: once everything is in, the step's period runs again in full from the supplement.
      const step = state.materialsNotice?.step ?? 'ACCEPTANCE';
      const open = state.openSteps.find((candidate) => candidate.step === step);
      const restartsClock = (open?.pausedFor ?? []).every((reason) => reason === 'AWAITING_MATERIALS');
      events.push(
        eventFrom(command, 'StepClockResumed', {
          step,
          reason: 'AWAITING_MATERIALS',
          restartsClock,
          period: open?.period ?? null,
        }),
      );
    }
    return accept(events);
  },
};
