import { eventFrom } from '../events';
import { normaliseMoney, toFen } from '../formats';
import { reject } from '../rejections';
import type { CaseState } from '../state';
import { STEPS, refusableSteps } from '../steps';
import {
  accept,
  actedStep,
  advance,
  afterEvents,
  guardFrom,
  refuse,
  refusalEvents,
  stepAmong,
  type CommandHandler,
} from './handler';
import { assessedEvent, outcomeProblem, overrideEvents } from './eligibility';
import { asData, positiveMoney } from './validate';

export const recordDistrictReview: CommandHandler<'RecordDistrictReview'> = {
  // Art. 15(6) (and Art. 14 for the direct route): review within 5 working days; eligible → fix the
  // amount (libs/rules computes it, with its breakdown and the Art. 17 authority); not → return the
  // materials and notify in writing with reasons.
  guard: guardFrom({
    type: 'RecordDistrictReview',
    roles: ['DISTRICT_REVIEWER'],
    statuses: ['OPEN'],
    steps: ['DISTRICT_REVIEW'],
    // Issue 12: the district's own notice of missing materials holds its review until all is supplied.
    extra: (state) =>
      state.materialsNotice?.step === 'DISTRICT_REVIEW' && state.materialsNotice.outstandingItems.length > 0
        ? reject.materialsOutstanding(state.materialsNotice.outstandingItems)
        : null,
  }),
  handle: (state, command) => {
    const review = command.data;
    // Issue 10: on the direct route (Art. 14) the facts come with the district review itself; on the full
    // route the investigation's assessment stands. Concluding against it needs a reason.
    let assessed: ReturnType<typeof assessedEvent>[] = [];
    if (state.systemDecides && review.eligibility !== undefined) {
      const bad = outcomeProblem(review.eligibility, 'data.household');
      if (bad) return refuse(bad);
      assessed = [assessedEvent(command, 'DISTRICT_REVIEW', review.eligibility)];
    }
    if (state.systemDecides && !state.eligibility && assessed.length === 0) {
      return refuse(outcomeProblem(undefined, 'data.household')!);
    }
    const override = overrideEvents(
      state,
      command,
      'DISTRICT_REVIEW',
      review.eligible,
      review.overrideReason,
      review.eligibility ?? state.eligibility ?? null,
    );
    if ('rejection' in override) return refuse(override.rejection);
    if (!review.eligible) {
      const recorded = eventFrom(command, 'DistrictReviewRecorded', {
        eligible: false,
        proposedAmount: null,
        breakdownRef: null,
        approvalAuthority: null,
        reasons: review.reasons,
      });
      return accept(
        refusalEvents(state, 'DISTRICT_REVIEW', review.reasons, command, [
          ...assessed,
          recorded,
          ...override.events,
        ]),
      );
    }
    const recorded = eventFrom(command, 'DistrictReviewRecorded', {
      eligible: true,
      proposedAmount: normaliseMoney(review.proposedAmount),
      breakdownRef: review.breakdownRef,
      approvalAuthority: review.approvalAuthority,
      reasons: [],
    });
    const done = [...assessed, recorded, ...override.events];
    return accept([...done, ...advance(afterEvents(state, done), 'DISTRICT_REVIEW', 'ELIGIBLE', command)]);
  },
};

export const recordReInvestigation: CommandHandler<'RecordReInvestigation'> = {
  // Art. 15(8) para. 2: after an objection to the second publicity the district re-investigates and
  // decides within 20 working days; approve → publicise again; refuse → written notice via the town.
  guard: guardFrom({
    type: 'RecordReInvestigation',
    roles: ['DISTRICT_REVIEWER', 'DISTRICT_LEADER'],
    statuses: ['OPEN'],
    steps: ['RE_INVESTIGATION'],
  }),
  handle: (state, command) => {
    const finding = command.data;
    // Art. 17: refusing a case whose amount needs the leader is the leader's decision, here as at approval.
    if (!finding.approve && leaderLevel(state) && command.actor.role !== 'DISTRICT_LEADER') {
      return refuse(reject.wrongApprovalAuthority('DISTRICT_LEADER'));
    }
    if (!finding.approve) {
      const recorded = eventFrom(command, 'ReInvestigationRecorded', {
        approve: false,
        findings: finding.findings,
        proposedAmount: null,
        breakdownRef: null,
        approvalAuthority: null,
        reasons: finding.reasons,
      });
      return accept(refusalEvents(state, 'RE_INVESTIGATION', finding.reasons, command, [recorded]));
    }
    const recorded = eventFrom(command, 'ReInvestigationRecorded', {
      approve: true,
      findings: finding.findings,
      proposedAmount: finding.proposedAmount !== undefined ? normaliseMoney(finding.proposedAmount) : null,
      breakdownRef: finding.breakdownRef ?? null,
      approvalAuthority: finding.approvalAuthority ?? null,
      reasons: [],
    });
    return accept([
      recorded,
      ...advance(afterEvents(state, [recorded]), 'RE_INVESTIGATION', 'ELIGIBLE', command),
    ]);
  },
};

export const approve: CommandHandler<'Approve'> = {
  // Art. 15(8), Art. 17: the bureau approves up to the threshold, the district leader above it.
  guard: guardFrom({
    type: 'Approve',
    roles: ['DISTRICT_REVIEWER', 'DISTRICT_LEADER'],
    statuses: ['OPEN'],
    steps: ['APPROVAL'],
  }),
  handle: (state, command) => {
    const proposed = state.amounts.proposed;
    // Without a proposed amount on record (cases before issue 10 without one) the amount must be given.
    const missing = proposed === null ? positiveMoney(asData(command.data), 'approvedAmount') : null;
    if (missing) return refuse(missing);
    const given = command.data.approvedAmount;
    // The amount on the second publicity is the amount decided: a different one needs a new review.
    if (given !== undefined && proposed !== null && toFen(given) !== toFen(proposed)) {
      return refuse(reject.amountMismatch('data.approvedAmount', given, proposed));
    }
    const approvedAmount = normaliseMoney(given ?? proposed ?? '0');
    const approved = eventFrom(command, 'ApplicationApproved', {
      approvedAmount,
      approvalAuthority:
        state.amounts.approvalAuthority ??
        (command.actor.role === 'DISTRICT_LEADER' ? 'DISTRICT_LEADER' : 'DISTRICT_BUREAU'),
      decisionRef: command.data.decisionRef,
    });
    return accept([approved, ...advance(afterEvents(state, [approved]), 'APPROVAL', 'APPROVED', command)]);
  },
};

/** Every step with a REFUSED row in either route's table. */
export const REFUSABLE_STEPS = STEPS.filter(
  (step) => refusableSteps('FULL').includes(step) || refusableSteps('DIRECT').includes(step),
);

export const refuseApplication: CommandHandler<'Refuse'> = {
  // 不予受理 at acceptance (一次性告知制 第四条(二)) or 不予批准 at a decision point; the reasons go
  // into the written notice (Art. 15(5), (6), (8)).
  guard: guardFrom({
    type: 'Refuse',
    roles: ['CASEWORKER', 'DISTRICT_REVIEWER', 'DISTRICT_LEADER'],
    statuses: ['OPEN'],
    steps: REFUSABLE_STEPS,
    // Art. 17: refusing a leader-level case at re-investigation is the leader's decision.
    extra: (state, actor) =>
      stepAmong(state, ['RE_INVESTIGATION']) && leaderLevel(state) && actor.role !== 'DISTRICT_LEADER'
        ? reject.wrongApprovalAuthority('DISTRICT_LEADER')
        : null,
  }),
  handle: (state, command) => {
    return accept(refusalEvents(state, actedStep(state, REFUSABLE_STEPS), command.data.reasons, command));
  },
};

export const requestFunds: CommandHandler<'RequestFunds'> = {
  // Art. 15(8): within 5 working days of approval the bureau applies to the finance bureau.
  guard: guardFrom({
    type: 'RequestFunds',
    roles: ['DISTRICT_REVIEWER'],
    statuses: ['APPROVED'],
    steps: ['FUNDS_REQUEST'],
  }),
  handle: (state, command) => {
    const requested = eventFrom(command, 'FundsRequested', {
      requestRef: command.data.requestRef,
      amount: state.amounts.approved ?? '0.00',
    });
    return accept([
      requested,
      ...advance(afterEvents(state, [requested]), 'FUNDS_REQUEST', 'FUNDS_REQUESTED', command),
    ]);
  },
};

export const recordDisbursement: CommandHandler<'RecordDisbursement'> = {
  // Art. 15(8): finance pays the approved amount to the designated bank within 3 working days;
  // after the applicant's death the heir is the payee (Art. 22).
  guard: guardFrom({
    type: 'RecordDisbursement',
    roles: ['FINANCE'],
    statuses: ['APPROVED'],
    steps: ['DISBURSEMENT'],
    // Issue 12: while the case waits for an heir there is nobody to pay.
    extra: (state) => (state.deceased?.awaitingHeir ? reject.heirNotNamed('RecordDisbursement') : null),
  }),
  handle: (state, command) => {
    const approved = state.amounts.approved ?? '0.00';
    if (toFen(command.data.amount) !== toFen(approved)) {
      return refuse(reject.amountMismatch('data.amount', command.data.amount, approved));
    }
    const payee = state.payee ?? {
      kind: 'APPLICANT' as const,
      name: state.applicant?.name ?? '',
      personRef: state.applicant?.personRef ?? '',
    };
    const paid = eventFrom(command, 'AidDisbursed', {
      amount: normaliseMoney(command.data.amount),
      bankReference: command.data.bankReference,
      paidOn: command.data.paidOn,
      payee,
    });
    return accept([paid, ...advance(afterEvents(state, [paid]), 'DISBURSEMENT', 'PAID', command)]);
  },
};

export const issueWrittenNotice: CommandHandler<'IssueWrittenNotice'> = {
  // Art. 15(5), (6), (8): the applicant is told in writing, with reasons, within 3 working days.
  guard: guardFrom({
    type: 'IssueWrittenNotice',
    roles: ['CASEWORKER', 'DISTRICT_REVIEWER'],
    statuses: ['OPEN'],
    steps: ['REFUSAL_NOTICE'],
  }),
  handle: (state, command) => {
    const issued = eventFrom(command, 'WrittenNoticeIssued', {
      kind: 'REFUSAL',
      noticeRef: command.data.noticeRef,
      deliveredOn: command.data.deliveredOn,
      reasons: state.refusal?.reasons ?? [],
    });
    return accept([
      issued,
      ...advance(afterEvents(state, [issued]), 'REFUSAL_NOTICE', 'NOTICE_ISSUED', command),
    ]);
  },
};

/** Art. 17: the proposed amount is above the bureau's threshold, so the decision is the district leader's. */
function leaderLevel(state: CaseState): boolean {
  return state.amounts.approvalAuthority === 'DISTRICT_LEADER';
}
