import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  caseSummary,
  currentStep,
  decide,
  effectiveDue,
  evolve,
  foldEvents,
  initialState,
  isClockRunning,
  isRemindable,
  isTerminal,
  openRequests,
  requestProblem,
  type CaseCommand,
  type CaseState,
  type CaseSummary,
} from '../../libs/domain/src';
import type { ApplicationActivities, PolicyForCase, ReminderPlan } from './activities-contract';
import {
  actUpdate,
  calendarChangedSignal,
  stateQuery,
  submittedUpdate,
  summaryQuery,
  type ActionCommand,
  type ApplicationInput,
} from './definitions';
import { rejectionFailure, submission, validationView, withSystemDecisions } from './requests';
import { CaseStatus, CaseStep, StepDueAt } from './search-attributes';
import { nextTimer } from './timers';

/**
 * Issue 13: one round trip per action. Every action, timer and calendar recount is one local activity
 * (`recordAction`) that decides it with everything it implies (deadlines, the opening reminder) and
 * appends all of it with its read models in one PostgreSQL transaction, then plans the next reminder.
 * Eligibility and amounts (issue 10) are local activities too. A case that stays open long continues as
 * new with its state, so no run's history grows without bound. Version 1 (`applicationWorkflow`) stays
 * registered for the cases it started.
 */
const local = proxyLocalActivities<ApplicationActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: [
      'HistoryConflictError',
      'RulesValidationError',
      'NoPolicyInForceError',
      'CaseActionRejected',
    ],
  },
});

/** Cases started with this marker run under their policy's procedure (issue 12). */
export const PROCESS_BY_THE_LETTER = 'process-by-the-letter';
/** Runs started with this marker take the policy the API handed over with the input, when it did. */
export const POLICY_IN_INPUT = 'policy-in-input';
/**
 * Runs started with this marker chase the departments on a timer of their own (issue 15: a reminder on a
 * request's due day, 催办 every working morning after it); before, only the step's reminders urged them.
 */
export const VERIFICATION_TIMERS = 'verification-timers';

/** A run continues as new past this many history events (a case overdue for a year adds ~10 a working day). */
export const HISTORY_EVENTS_PER_RUN = 1_500;

/** What a run hands to the next when it continues as new. */
export interface CarriedCase {
  state: CaseState;
  appended: number;
  reminderPlan: ReminderPlan | null;
  policy: PolicyForCase;
  /** Runs with `verification-timers`: the next chase of the case's verification requests. */
  chaseAt?: string | null;
}

export async function applicationWorkflowV2(
  input: ApplicationInput & { carried?: CarriedCase },
): Promise<CaseSummary> {
  // First, before any activity: a patch decided after a local activity could fall on the other side of a
  // workflow-task boundary on replay than it did when it ran.
  const byTheLetter = patched(PROCESS_BY_THE_LETTER);
  const policyInInput = patched(POLICY_IN_INPUT);
  const verificationTimers = patched(VERIFICATION_TIMERS);
  let state: CaseState = input.carried?.state ?? initialState;
  let appended = input.carried?.appended ?? 0;
  let reminderPlan: ReminderPlan | null = input.carried?.reminderPlan ?? null;
  let chaseAt: string | null = input.carried?.chaseAt ?? null;
  let calendarChanged = false;
  let changes = 0;
  let busy: Promise<unknown> = Promise.resolve();
  let searchAttributes = '';
  // Only a fresh run's first `submitted` answer reports the case as created (a carried or reopened run's never).
  let firstSubmittedAnswer = !input.carried && !input.reopen;

  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = busy.then(fn, fn);
    busy = run.catch(() => undefined);
    return run;
  };
  const now = () => new Date().toISOString();
  const stamp = (request: ActionCommand): CaseCommand => ({ ...request, at: now() }) as CaseCommand;
  // A condition that already holds still costs the SDK another pass into the workflow's sandbox.
  const submissionRecorded = async () => {
    if (state.status === 'NEW') await condition(() => state.status !== 'NEW');
  };

  setHandler(summaryQuery, () => caseSummary(state));
  setHandler(stateQuery, () => state);
  setHandler(calendarChangedSignal, () => {
    calendarChanged = true;
    changes++;
  });
  setHandler(submittedUpdate, async () => {
    const created = firstSubmittedAnswer;
    firstSubmittedAnswer = false;
    await submissionRecorded();
    return { summary: caseSummary(state), created };
  });
  setHandler(
    actUpdate,
    async (request) => {
      await submissionRecorded();
      return serially(async () => {
        const command = stamp(
          state.systemDecides ? await withSystemDecisions(request, input, local) : (request as ActionCommand),
        );
        const decision = decide(state, command);
        if (!decision.ok) throw rejectionFailure(decision.rejection);
        await record({ command });
        return caseSummary(state);
      });
    },
    {
      validator: (request) => {
        if (state.status === 'NEW') return;
        const problem = requestProblem(state, request.type, request.data);
        if (problem) throw rejectionFailure(problem);
        const decision = decide(state, stamp(validationView(request)));
        if (!decision.ok) throw rejectionFailure(decision.rejection);
      },
    },
  );

  const policy =
    input.carried?.policy ??
    (policyInInput && input.policy
      ? input.policy
      : await local.loadPolicy({ applicationDate: input.applicationDate }));

  /** The one durable write: the action with everything it implies, then the workflow evolves what was stored. */
  async function record(what: {
    command?: CaseCommand;
    recompute?: boolean;
    reminderFiredAt?: string;
    chaseFiredAt?: string;
  }) {
    const { chaseFiredAt, ...rest } = what;
    const result = await local.recordAction({
      caseId: input.caseId,
      state,
      firstSequence: appended + 1,
      at: what.command?.at ?? now(),
      extendOverHoliday: policy.extendOverHoliday,
      reminderLeadDays: policy.reminderLeadDays,
      reminderPlan,
      ...rest,
      ...(verificationTimers ? { verificationChase: { plan: chaseAt, firedAt: chaseFiredAt } } : {}),
    });
    for (const event of result.events) state = evolve(state, event);
    appended += result.events.length;
    reminderPlan = result.reminderPlan;
    chaseAt = result.verificationChaseAt ?? null;
    changes++;
    publishSearchAttributes();
  }

  function publishSearchAttributes() {
    const open = currentStep(state);
    const due = open ? effectiveDue(open) : null;
    const key = `${state.status}|${open?.step}|${due?.dueAt}`;
    if (key === searchAttributes) return; // an unchanged upsert would only lengthen the history
    searchAttributes = key;
    upsertSearchAttributes([
      { key: CaseStatus, value: state.status },
      { key: CaseStep, value: open?.step ?? null },
      { key: StepDueAt, value: due ? new Date(due.dueAt) : null },
    ]);
  }

  async function fire(command: CaseCommand): Promise<void> {
    const stamped = { ...command, at: now() } as CaseCommand;
    // A timer can lose a race with a person (an objection on the last day of publicity, a withdrawal): the
    // decider refuses it and the loop looks at the new state again; a refused reminder still plans the next.
    const accepted = decide(state, stamped).ok;
    if (command.type === 'IssueReminder') {
      await record({
        ...(accepted ? { command: stamped } : {}),
        reminderFiredAt: reminderPlan?.at ?? stamped.at,
      });
    } else if (accepted) {
      await record({ command: stamped });
    }
  }

  if (input.carried) {
    publishSearchAttributes();
  } else if (input.reopen) {
    await serially(async () => {
      const history = await local.readCaseEvents({ caseId: input.caseId });
      state = foldEvents(history);
      appended = history.length;
      changes++;
    });
    const reopenedAt = changes;
    await condition(() => changes !== reopenedAt, '1 day');
  } else {
    // Issue 12: the process by the letter, under the procedure of the case's policy version.
    await serially(() =>
      record({ command: submission(input, policy, now(), { systemDecides: true, byTheLetter }) }),
    );
  }

  while (!isTerminal(state.status)) {
    const seen = changes;
    if (calendarChanged) {
      calendarChanged = false;
      await serially(() => record({ recompute: true }));
      continue;
    }
    const open = currentStep(state);
    const reminderUnplanned =
      open &&
      isRemindable(open) &&
      effectiveDue(open) &&
      isClockRunning(open) &&
      reminderPlan?.step !== open.step;
    // Any open request with a due date has a chase planned once recorded; none yet: a reopened run, or one
    // carried over from a run without the timers.
    const chasesUnplanned = verificationTimers && chaseAt === null && openRequests(state).some((r) => r.due);
    if (reminderUnplanned || chasesUnplanned) {
      await serially(() => record({})); // e.g. a reopened case: plan its open step's reminders, its requests' chase
    }
    if (workflowInfo().historyLength > HISTORY_EVENTS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await busy;
      return continueAsNew<typeof applicationWorkflowV2>({
        ...input,
        reopen: false,
        carried: { state, appended, reminderPlan, policy, ...(verificationTimers ? { chaseAt } : {}) },
      });
    }
    const timer = nextTimer(state, reminderPlan, chaseAt);
    const waitMs = timer ? Math.max(0, Date.parse(timer.at) - Date.now()) : undefined;
    const changed = await condition(() => changes !== seen, waitMs as number);
    if (!changed && timer) {
      await serially(() => ('command' in timer ? fire(timer.command) : record({ chaseFiredAt: timer.at })));
    }
  }
  await condition(allHandlersFinished);
  await busy;
  return caseSummary(state);
}
