import type { CaseEvent } from './events';
import { instantMs } from './formats';
import { effectiveDue, initialState, type CaseState, type OpenStep } from './state';
import type { Step } from './steps';
import { evolveVerification } from './verification';

/**
 * What a case looks like after an event. Pure and total: an event that names a step that is not open
 * leaves the steps untouched (projections fold old logs with it; it never throws).
 */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const next = apply(state, event);
  return { ...next, lastEventAt: event.at };
}

export function foldEvents(events: readonly CaseEvent[], from: CaseState = initialState): CaseState {
  return events.reduce(evolve, from);
}

function updateStep(state: CaseState, step: Step, change: (open: OpenStep) => OpenStep): CaseState {
  return { ...state, openSteps: state.openSteps.map((open) => (open.step === step ? change(open) : open)) };
}

function apply(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'ApplicationSubmitted': {
      const { data } = event;
      return {
        ...initialState,
        caseId: data.caseId,
        route: data.route,
        category: data.category,
        town: data.town,
        applicationDate: data.applicationDate,
        applicant: data.applicant,
        status: 'OPEN',
        posts: data.posts,
        payee: { kind: 'APPLICANT', name: data.applicant.name, personRef: data.applicant.personRef },
        policyVersion: data.policyVersion,
        periods: data.periods,
        supervision: { ...initialState.supervision, urgeFlagThreshold: data.urgeFlagThreshold },
        systemDecides: data.systemDecides === true,
        procedure: data.procedure ?? null,
      };
    }
    case 'EligibilityAssessed': {
      const { step: _step, ...outcome } = event.data;
      return {
        ...state,
        eligibility: { ...outcome, assessedAt: event.at, conclusion: outcome.eligible, overrides: [] },
      };
    }
    case 'EligibilityOverridden': {
      if (!state.eligibility) return state;
      const { step, concludedEligible, reason } = event.data;
      const override = { step, concludedEligible, reason, by: event.actor.id, at: event.at };
      return {
        ...state,
        eligibility: {
          ...state.eligibility,
          conclusion: concludedEligible,
          overrides: [...state.eligibility.overrides, override],
        },
      };
    }
    case 'StepOpened': {
      const { data } = event;
      const opened: OpenStep = {
        step: data.step,
        openedAt: event.at,
        clockStartedAt: data.countsFrom ?? event.at,
        assignee: data.assignee,
        aPost: data.assignee,
        bPost: data.bPost,
        periodKey: data.periodKey,
        period: data.period,
        statutoryDue: null,
        extendedDue: null,
        awaitingDeadline: data.period !== null,
        pausedFor: [],
      };
      return { ...state, openSteps: [...state.openSteps.filter((open) => open.step !== data.step), opened] };
    }
    case 'StepCompleted': {
      const open = state.openSteps.find((candidate) => candidate.step === event.data.step);
      if (!open) return state;
      const due = effectiveDue(open);
      return {
        ...state,
        openSteps: state.openSteps.filter((candidate) => candidate !== open),
        completedSteps: [
          ...state.completedSteps,
          {
            step: open.step,
            openedAt: open.openedAt,
            completedAt: event.at,
            completedBy: event.actor.id,
            outcome: event.data.outcome,
            statutoryDueDate: open.statutoryDue?.dueDate ?? null,
            extendedDueDate: open.extendedDue?.dueDate ?? null,
            onTime: due ? instantMs(event.at) <= instantMs(due.dueAt) : null,
          },
        ],
      };
    }
    case 'DeadlineSet':
    case 'DeadlineRecomputed': {
      const { step, dueDate, dueAt, provisional } = event.data;
      return updateStep(state, step, (open) => ({
        ...open,
        statutoryDue: { dueDate, dueAt, provisional },
        awaitingDeadline: false,
      }));
    }
    case 'DeadlineExtended': {
      const { step, extendedDueDate, extendedDueAt, reason, grantedBy } = event.data;
      return updateStep(state, step, (open) => ({
        ...open,
        extendedDue: {
          dueDate: extendedDueDate,
          dueAt: extendedDueAt,
          reason,
          grantedBy,
          grantedAt: event.at,
        },
      }));
    }
    case 'StepClockPaused':
      return updateStep(state, event.data.step, (open) => ({
        ...open,
        pausedFor: open.pausedFor.includes(event.data.reason)
          ? open.pausedFor
          : [...open.pausedFor, event.data.reason],
      }));
    case 'StepClockResumed': {
      const { step, reason, restartsClock } = event.data;
      return updateStep(state, step, (open) => {
        const pausedFor = open.pausedFor.filter((paused) => paused !== reason);
        if (!restartsClock) return { ...open, pausedFor };
        // The full period runs again from the restart; the workflow records the new due date.
        return {
          ...open,
          pausedFor,
          clockStartedAt: event.at,
          statutoryDue: null,
          extendedDue: null,
          awaitingDeadline: open.period !== null,
        };
      });
    }
    case 'MaterialsRequested':
      return {
        ...state,
        materialsNotice: {
          step: event.data.step,
          issuedAt: event.at,
          noticeRef: event.data.noticeRef,
          missingItems: event.data.missingItems,
          outstandingItems: event.data.missingItems,
        },
      };
    case 'MaterialsSupplied':
      return state.materialsNotice
        ? {
            ...state,
            materialsNotice: { ...state.materialsNotice, outstandingItems: event.data.outstandingItems },
          }
        : state;
    case 'ObjectionRaised': {
      const { step, objector, summary, evidenceRefs, evidenceValid, triggersReview } = event.data;
      return {
        ...state,
        objections: [
          ...state.objections,
          {
            step,
            raisedAt: event.at,
            objector,
            summary,
            evidenceRefs,
            evidenceValid,
            triggeredReview: triggersReview,
          },
        ],
      };
    }
    case 'DistrictReviewRecorded':
    case 'ReInvestigationRecorded': {
      const { proposedAmount, breakdownRef, approvalAuthority } = event.data;
      if (proposedAmount === null) return state;
      return {
        ...state,
        amounts: {
          ...state.amounts,
          proposed: proposedAmount,
          breakdownRef: breakdownRef ?? state.amounts.breakdownRef,
          approvalAuthority: approvalAuthority ?? state.amounts.approvalAuthority,
        },
      };
    }
    case 'ApplicationApproved':
      return {
        ...state,
        status: 'APPROVED',
        amounts: {
          ...state.amounts,
          approved: event.data.approvedAmount,
          approvalAuthority: event.data.approvalAuthority,
        },
      };
    case 'ApplicationRejected':
      return {
        ...state,
        refusal: { step: event.data.step, reasons: event.data.reasons },
        noticesOwed: [
          ...state.noticesOwed,
          {
            kind: 'REFUSAL',
            decidedAtStep: event.data.step,
            reasons: event.data.reasons,
            decidedAt: event.at,
          },
        ],
      };
    case 'WrittenNoticeIssued':
      return { ...state, noticesOwed: state.noticesOwed.filter((owed) => owed.kind !== event.data.kind) };
    case 'AidDisbursed':
      return { ...state, status: 'PAID', amounts: { ...state.amounts, paid: event.data.amount } };
    case 'CaseClosed':
      return { ...state, status: event.data.outcome };
    case 'Withdrawn':
      return { ...state, status: 'WITHDRAWN' };
    case 'ApplicantDied': {
      const { dateOfDeath, awaitingHeir } = event.data;
      return {
        ...state,
        deceased: awaitingHeir
          ? { dateOfDeath, awaitingHeir: true, reportedAt: event.at, heirDue: null }
          : { dateOfDeath },
      };
    }
    case 'HeirDeadlineSet': {
      if (!state.deceased) return state;
      const { dueDate, dueAt, provisional } = event.data;
      return { ...state, deceased: { ...state.deceased, heirDue: { dueDate, dueAt, provisional } } };
    }
    case 'PayeeChanged': {
      const named = event.data.to.kind === 'HEIR' && state.deceased?.awaitingHeir;
      return {
        ...state,
        payee: event.data.to,
        ...(named && state.deceased ? { deceased: { ...state.deceased, awaitingHeir: false } } : {}),
      };
    }
    case 'CaseTerminated':
      return { ...state, status: 'TERMINATED' };
    case 'Suspended':
      return { ...state, suspended: { since: event.at, reason: event.data.reason } };
    case 'Resumed':
      return { ...state, suspended: null };
    case 'CaseCancelled':
      return {
        ...state,
        status: event.data.amountToRecover === null ? 'CANCELLED' : 'RECOVERING',
        suspended: null,
        amounts: { ...state.amounts, toRecover: event.data.amountToRecover },
      };
    case 'RecoveryRecorded':
      return { ...state, amounts: { ...state.amounts, recovered: event.data.totalRecovered } };
    case 'Reassigned':
      return updateStep(state, event.data.step, (open) => ({ ...open, assignee: event.data.to }));
    case 'ReminderIssued': {
      const { step } = event.data;
      const remindersByStep = {
        ...state.supervision.remindersByStep,
        [step]: (state.supervision.remindersByStep[step] ?? 0) + 1,
      };
      return { ...state, supervision: { ...state.supervision, remindersByStep } };
    }
    case 'UrgeIssued': {
      const { step, assignee, countForStep, countForAssignee } = event.data;
      return {
        ...state,
        supervision: {
          ...state.supervision,
          urgesByStep: { ...state.supervision.urgesByStep, [step]: countForStep },
          urgesByAssignee: { ...state.supervision.urgesByAssignee, [assignee.id]: countForAssignee },
        },
      };
    }
    case 'AssigneeFlagged': {
      const { flaggedAssignees } = state.supervision;
      const id = event.data.assignee.id;
      return flaggedAssignees.includes(id)
        ? state
        : { ...state, supervision: { ...state.supervision, flaggedAssignees: [...flaggedAssignees, id] } };
    }
    // Recorded for the timeline and the outside world; they change nothing the decider reads.
    case 'ApplicationAccepted':
    case 'InvestigationRecorded':
    case 'TownReviewRecorded':
    case 'PublicityStarted':
    case 'PublicityEnded':
    case 'DemocraticReviewRecorded':
    case 'SubmittedToDistrict':
    case 'FundsRequested':
    case 'RecipientsListPublished':
    case 'FraudReported':
    case 'EscalatedToSupervisor':
      return state;
    case 'VerificationAuthorisationRecorded':
    case 'VerificationRequested':
    case 'VerificationDueSet':
    case 'VerificationAnswered':
    case 'VerificationMarkedUnobtainable':
    case 'VerifiedFactCorrected':
    case 'VerificationUrged':
    case 'VerificationReminded':
      return evolveVerification(state, event);
    default: {
      const unreachable: never = event;
      void unreachable;
      return state; // an event type from a newer version: ignored, never fatal
    }
  }
}
