import type { Post, Role } from '../actors';
import { eventFrom, type CaseEvent } from '../events';
import { procedureProblem } from '../procedure';
import { reject } from '../rejections';
import type { CaseState } from '../state';
import { currentStep } from '../state';
import { PERIOD_KEYS, routeFor, type Period, type PeriodKey } from '../steps';
import {
  accept,
  advance,
  afterEvents,
  guardFrom,
  openStepEvents,
  refuse,
  type CommandHandler,
} from './handler';

/** 督查督办工作制度 四(三): "被催办仍未完成出现3次以上" — 3 included (以上). Policy may override. */
export const DEFAULT_URGE_FLAG_THRESHOLD = 3;

export const submitApplication: CommandHandler<'SubmitApplication'> = {
  // Art. 15(1): the application is made in writing at the town of household registration.
  guard: (state, actor) => {
    if (state.status !== 'NEW') return reject.caseAlreadyExists(state.caseId);
    if (actor.role !== 'CASEWORKER')
      return reject.roleNotPermitted('SubmitApplication', actor.role, ['CASEWORKER']);
    return null;
  },
  handle: (state, command) => {
    // The procedure is filled in by the system from the policy version; its module checks its shape.
    const problem = procedureProblem(command.data.procedure);
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
