import {
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { ApplicationActivities } from './activities-contract';
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
  requestProblem,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '../../libs/domain/src';
import {
  actUpdate,
  calendarChangedSignal,
  stateQuery,
  summaryQuery,
  type ActionCommand,
  type ActionRequest,
  type ApplicationInput,
} from './definitions';
import { rejectionFailure, submission, validationView, withSystemDecisions } from './requests';
import { CaseStatus, CaseStep, StepDueAt } from './search-attributes';
import { periodEndTimer, timedStep } from './timers';

const activities = proxyActivities<ApplicationActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['HistoryConflictError', 'RulesValidationError', 'NoPolicyInForceError'],
  },
});

const SYSTEM: Actor = { id: 'system', role: 'SYSTEM' };
/** Issue 10: cases started with this marker have eligibility and money decided by the system. */
const SYSTEM_DECIDES_PATCH = 'system-decides-eligibility-and-money';

/**
 * One medical-aid application from submission to the end of its recipients list (Art. 15, 16) or an
 * earlier end. The business rules are the decider's (libs/domain); this shell only waits, times and
 * delegates: Updates carry people's actions, timers carry deadlines, reminders and publicity periods,
 * activities do the I/O (event store, calendar, policy, rules).
 */
export async function applicationWorkflow(input: ApplicationInput): Promise<CaseSummary> {
  let state: CaseState = initialState;
  let appended = 0; // events of this case in the event store, i.e. the next sequence is appended + 1
  let calendarChanged = false;
  let changes = 0; // bumped on every applied decision, to wake the timer loop
  let busy: Promise<unknown> = Promise.resolve();
  let reminderPlan: { step: string; dueDate: string; kind: string; at: string } | null = null;

  /** Runs one thing at a time: Updates, timers and signals never interleave their awaits. */
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = busy.then(fn, fn);
    busy = run.catch(() => undefined);
    return run;
  };
  const now = () => new Date().toISOString();

  /** decide → append to the event store → evolve; then the follow-ups the new state asks for. */
  async function apply(command: CaseCommand): Promise<void> {
    const decision = decide(state, command);
    if (!decision.ok) throw rejectionFailure(decision.rejection);
    await record(decision.events);
    await recordMissingDeadlines();
  }

  async function record(events: CaseEvent[]): Promise<void> {
    if (!events.length) return;
    await activities.appendEvents({ caseId: input.caseId, firstSequence: appended + 1, events });
    appended += events.length;
    for (const event of events) state = evolve(state, event);
    changes++;
    const open = currentStep(state);
    const due = open ? effectiveDue(open) : null;
    upsertSearchAttributes([
      { key: CaseStatus, value: state.status },
      { key: CaseStep, value: open?.step ?? null },
      { key: StepDueAt, value: due ? new Date(due.dueAt) : null },
    ]);
  }

  /** 限时办结: every step that has just opened (or restarted its clock) gets its due date from the calendar. */
  async function recordMissingDeadlines(): Promise<void> {
    for (;;) {
      const open = state.openSteps.find((s) => s.awaitingDeadline && isClockRunning(s) && s.period);
      if (!open || !open.period) return;
      const due = await activities.computeDeadline({
        trigger: open.clockStartedAt,
        period: open.period,
        extendOverHoliday: policy.extendOverHoliday,
      });
      await apply({ type: 'RecordDeadline', actor: SYSTEM, at: now(), data: { step: open.step, ...due } });
      if (isRemindable(open)) {
        await apply({
          type: 'IssueReminder',
          actor: SYSTEM,
          at: now(),
          data: { step: open.step, kind: 'OPENED' },
        });
      }
    }
  }

  async function recomputeProvisionalDeadlines(): Promise<void> {
    for (const open of state.openSteps) {
      if (!open.statutoryDue?.provisional || !open.period) continue;
      const due = await activities.computeDeadline({
        trigger: open.clockStartedAt,
        period: open.period,
        extendOverHoliday: policy.extendOverHoliday,
      });
      if (due.provisional && due.dueDate === open.statutoryDue.dueDate) continue;
      await apply({ type: 'RecomputeDeadline', actor: SYSTEM, at: now(), data: { step: open.step, ...due } });
    }
  }

  /** The next thing that happens by itself: a publicity period or the recipients list ending, or a reminder. */
  async function nextTimer(): Promise<{ at: string; command: CaseCommand } | null> {
    const timed = timedStep(state);
    if (!timed) return null;
    const { open, due } = timed;
    const ending = periodEndTimer(open, due);
    if (ending) return ending;
    if (!isRemindable(open)) return null;
    if (!reminderPlan || reminderPlan.step !== open.step || reminderPlan.dueDate !== due.dueDate) {
      const lastReminder = reminderPlan?.step === open.step ? reminderPlan.at : open.clockStartedAt;
      const next = await activities.planNextReminder({
        dueDate: due.dueDate,
        leadDays: policy.reminderLeadDays,
        after: later(lastReminder, now()),
      });
      reminderPlan = { step: open.step, dueDate: due.dueDate, ...next };
    }
    const plan = reminderPlan;
    return {
      at: plan.at,
      command: {
        type: 'IssueReminder',
        actor: SYSTEM,
        at: '',
        data: { step: open.step, kind: plan.kind as 'BEFORE_DUE' | 'DUE' | 'OVERDUE' },
      },
    };
  }

  async function fire(command: CaseCommand): Promise<void> {
    if (command.type === 'IssueReminder' && reminderPlan) {
      // The next reminder is planned from this one's time, whether or not the decider accepts it.
      const firedAt = reminderPlan.at;
      reminderPlan = null;
      const decision = decide(state, { ...command, at: now() });
      if (decision.ok) await record(decision.events);
      const open = currentStep(state);
      const due = open && effectiveDue(open);
      if (open && due) {
        const next = await activities.planNextReminder({
          dueDate: due.dueDate,
          leadDays: policy.reminderLeadDays,
          after: firedAt,
        });
        reminderPlan = { step: open.step, dueDate: due.dueDate, ...next };
      }
      return;
    }
    // A timer can lose a race with a person (an objection on the last day of publicity, a withdrawal):
    // then the decider refuses it and the loop simply looks at the new state again.
    const decision = decide(state, { ...command, at: now() } as CaseCommand);
    if (!decision.ok) return;
    await record(decision.events);
    await recordMissingDeadlines();
  }

  // Queries and signals are answered from the start.
  setHandler(summaryQuery, () => caseSummary(state));
  setHandler(stateQuery, () => state);
  setHandler(calendarChangedSignal, () => {
    calendarChanged = true;
    changes++;
  });

  // Updates are registered at once too: the SDK rejects an Update that finds no handler at the end of
  // the activation it arrives in, and the API may act the moment the case is visible. One that arrives
  // before the case exists waits for it and is decided then (only such an early refusal reaches history).
  setHandler(
    actUpdate,
    async (request) => {
      await condition(() => state.status !== 'NEW');
      return serially(async () => {
        const command = await toCommand(request);
        await apply(command);
        return caseSummary(state);
      });
    },
    {
      validator: (request) => {
        if (state.status === 'NEW') return;
        // Figures the system decides are never taken from a person (issue 10).
        const problem = requestProblem(state, request.type, request.data);
        if (problem) throw rejectionFailure(problem);
        // The same decider the handler runs: a rejected action never reaches history.
        const decision = decide(state, stamp(validationView(request)));
        if (!decision.ok) throw rejectionFailure(decision.rejection);
      },
    },
  );

  const policy = await activities.loadPolicy({ applicationDate: input.applicationDate });
  if (input.reopen) {
    await serially(async () => {
      const history = await activities.readCaseEvents({ caseId: input.caseId });
      state = foldEvents(history);
      appended = history.length;
      changes++;
    });
    // The case is already terminal: wait for the action that reopened it before the loop looks again.
    const reopenedAt = changes;
    await condition(() => changes !== reopenedAt, '1 day');
  } else {
    await serially(() =>
      apply(
        submission(input, policy, now(), {
          // Cases registered from issue 10 on: eligibility and money from facts and the system's records.
          systemDecides: patched(SYSTEM_DECIDES_PATCH),
          byTheLetter: false,
        }),
      ),
    );
  }

  async function toCommand(request: ActionRequest): Promise<CaseCommand> {
    if (state.systemDecides) return stamp(await withSystemDecisions(request, input, activities));
    if (request.type === 'RecordDistrictReview' && request.data.eligible && 'calculation' in request.data) {
      const amount = await activities.calculateAid({
        caseId: input.caseId,
        category: input.category,
        applicationDate: input.applicationDate,
        calculation: request.data.calculation,
      });
      return stamp({
        type: 'RecordDistrictReview',
        actor: request.actor,
        data: {
          eligible: true,
          proposedAmount: amount.total,
          breakdownRef: amount.calculationId,
          approvalAuthority: amount.approvalAuthority,
        },
      });
    }
    return stamp(request as CaseCommand);
  }

  function stamp(request: ActionCommand): CaseCommand {
    return { ...request, at: now() } as CaseCommand;
  }

  while (!isTerminal(state.status)) {
    const seen = changes;
    if (calendarChanged) {
      calendarChanged = false;
      await serially(recomputeProvisionalDeadlines);
      continue;
    }
    const timer = await nextTimer();
    const waitMs = timer ? Math.max(0, Date.parse(timer.at) - Date.now()) : undefined;
    const changed = await condition(() => changes !== seen, waitMs as number);
    if (!changed && timer) await serially(() => fire(timer.command));
  }
  // Let in-flight Updates finish before the run ends.
  await busy;
  return caseSummary(state);
}

function later(a: string, b: string): string {
  return Date.parse(a) > Date.parse(b) ? a : b;
}

type CaseSummary = ReturnType<typeof caseSummary>;
