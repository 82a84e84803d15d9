import { ApplicationFailure } from '@temporalio/activity';
import type { WorkingDayCalendar } from '../../../../libs/calendar/src';
import {
  chaseVerifications,
  currentStep,
  decideWithFollowUps,
  evolve,
  effectiveDue,
  isRemindable,
  recomputeProvisionalDeadlines,
  type CaseEvent,
  type CaseState,
  type FollowUpPorts,
} from '../../../../libs/domain/src';
import { HistoryConflictError, type EventStore } from '../../../../libs/persistence/src';
import type {
  RecordActionInput,
  RecordActionResult,
  ReminderPlan,
} from '../../../../workflows/src/activities-contract';
import { dueOf, reminderPlanner, type ReminderPlanner } from './calendar.activities';
import { reminderOffsetMs } from './reminder-spread';
import { planVerificationChase } from './verification-chase';

/**
 * One durable write per action (DESIGN.md): decide the action and everything it implies (the next step's
 * deadline from the calendar store, the opening reminder), append all of it with its read models, notices
 * and outbox rows in one PostgreSQL transaction, and plan the next reminder; run as a local activity, so an
 * action costs one round trip. Idempotent: a retry appends the same events at the same sequences.
 */
export function createRecordActionActivities(deps: {
  calendar: (options?: { fresh?: boolean }) => Promise<WorkingDayCalendar>;
  eventStore: EventStore;
  env?: NodeJS.ProcessEnv;
}) {
  const planReminder = reminderPlanner(deps.env);
  return {
    async recordAction(input: RecordActionInput): Promise<RecordActionResult> {
      // A recount after a calendar change always looks at the calendar itself, never only at a cache.
      const calendar = await deps.calendar(input.recompute ? { fresh: true } : {});
      const ports: FollowUpPorts = {
        due: (trigger, period) => dueOf(calendar, trigger, period, input.extendOverHoliday),
      };
      const chase = input.verificationChase;
      const outcome = input.command
        ? decideWithFollowUps(input.state, input.command, ports, {
            urgeVerificationsWithReminders: !chase,
          })
        : input.recompute
          ? recomputeProvisionalDeadlines(input.state, input.at, ports)
          : chase?.firedAt
            ? chaseVerifications(input.state, input.at)
            : { ok: true as const, events: [], state: input.state };
      if (!outcome.ok) {
        // The workflow decided the same command on the same state a moment ago; only a change of the
        // calendar between the two could get here.
        throw ApplicationFailure.create({
          type: 'CaseActionRejected',
          message: outcome.rejection.messageEn,
          nonRetryable: true,
          details: [outcome.rejection],
        });
      }
      if (outcome.events.length > 0) {
        try {
          await deps.eventStore.append(input.caseId, input.firstSequence, outcome.events);
        } catch (err) {
          if (!(err instanceof HistoryConflictError)) throw err;
          const stored = await alreadyStored(deps.eventStore, input, outcome.events);
          if (!stored) throw ApplicationFailure.nonRetryable(err.message, 'HistoryConflictError');
          // An earlier attempt of this very action committed, then the worker died before the workflow
          // task completed; the retried task stamped a new time. The stored events are the truth.
          const state = stored.reduce(evolve, input.state);
          return { events: stored, ...plansFor(calendar, planReminder, state, input) };
        }
      }
      return { events: outcome.events, ...plansFor(calendar, planReminder, outcome.state, input) };
    },
  };
}

/** What happens next by itself: the step's next reminder and (when asked) the next chase of requests. */
function plansFor(
  calendar: WorkingDayCalendar,
  planReminder: ReminderPlanner,
  state: CaseState,
  input: RecordActionInput,
): Omit<RecordActionResult, 'events'> {
  const reminderPlan = planFor(calendar, planReminder, state, input);
  const chase = input.verificationChase;
  if (!chase) return { reminderPlan };
  return {
    reminderPlan,
    verificationChaseAt: planVerificationChase(calendar, state, {
      at: input.at,
      ...chase,
      offsetMs: reminderOffsetMs(input.caseId),
    }),
  };
}

/** The next reminder of the step being worked on (none for publicity periods and the recipients list). */
function planFor(
  calendar: WorkingDayCalendar,
  planReminder: ReminderPlanner,
  state: CaseState,
  input: RecordActionInput,
): ReminderPlan | null {
  const open = currentStep(state);
  const due = open && effectiveDue(open);
  if (!open || !due || !isRemindable(open) || open.pausedFor.length > 0) return null;
  const kept = input.reminderPlan;
  if (!input.reminderFiredAt && kept && kept.step === open.step && kept.dueDate === due.dueDate) return kept;
  // After a reminder fired, the next is strictly after it — or after now, when it fired late (a worker
  // outage): the mornings missed meanwhile are not sent in a burst, each a counted 催办 towards a flag.
  const after = input.reminderFiredAt
    ? later(input.reminderFiredAt, input.at)
    : later(kept?.step === open.step ? kept.at : open.clockStartedAt, input.command?.at ?? input.at);
  return {
    step: open.step,
    dueDate: due.dueDate,
    ...planReminder(calendar, {
      dueDate: due.dueDate,
      leadDays: input.reminderLeadDays,
      after,
      offsetMs: reminderOffsetMs(input.caseId),
    }),
  };
}

function later(a: string, b: string): string {
  return Date.parse(a) > Date.parse(b) ? a : b;
}

/**
 * The events stored from `firstSequence` on, when they are this action's (same event types and actor, only
 * the times differ): nothing else can have appended there, the workflow records one action at a time.
 */
async function alreadyStored(
  eventStore: EventStore,
  input: RecordActionInput,
  decided: CaseEvent[],
): Promise<CaseEvent[] | null> {
  const stored = (await eventStore.read(input.caseId)).filter((e) => e.sequence >= input.firstSequence);
  const same =
    stored.length === decided.length &&
    stored.every(
      (e, i) => e.type === decided[i]!.type && (e.actor as { id?: string }).id === decided[i]!.actor.id,
    );
  return same
    ? stored.map((e) => ({ type: e.type, data: e.data, actor: e.actor, at: e.at }) as CaseEvent)
    : null;
}
