import { eventFrom } from '../events';
import { instantMs, shanghaiDate, startOfDayShanghai } from '../formats';
import { reject } from '../rejections';
import { effectiveDue, openStep } from '../state';
import {
  accept,
  actedStep,
  advance,
  afterEvents,
  guardFrom,
  refuse,
  refusalEvents,
  type CommandHandler,
} from './handler';
import { assessedEvent, outcomeProblem, overrideEvents } from './eligibility';

/** Art. 15(2): at least 2 investigators per team; the survey signed by them and by the applicant. */
export const MIN_INVESTIGATORS = 2;

export const recordInvestigation: CommandHandler<'RecordInvestigation'> = {
  guard: guardFrom({
    type: 'RecordInvestigation',
    roles: ['CASEWORKER'],
    statuses: ['OPEN'],
    steps: ['INVESTIGATION'],
  }),
  handle: (state, command) => {
    const investigators = [...new Set(command.data.investigatorIds.map((id) => id.trim()))];
    if (investigators.length < MIN_INVESTIGATORS)
      return refuse(reject.insufficientInvestigators(investigators.length));
    const signed = command.data.survey.signedByInvestigatorIds.map((id) => id.trim());
    const unsigned = investigators.filter((id) => !signed.includes(id));
    if (!command.data.survey.signedByApplicant) unsigned.push('申请人/applicant');
    if (unsigned.length > 0) return refuse(reject.surveyNotSigned(unsigned));
    // Issue 10: the facts are recorded here and the rules decide eligibility from them (the worker fills
    // `eligibility` in); the town review then concludes, against the rules only with a reason.
    const eligibility = command.data.eligibility;
    if (state.systemDecides) {
      const missing = outcomeProblem(eligibility, 'data.household');
      if (missing) return refuse(missing);
    }
    const recorded = eventFrom(command, 'InvestigationRecorded', {
      investigatorIds: investigators,
      visitedOn: command.data.visitedOn,
      surveyRef: command.data.survey.ref,
      findings: command.data.findings,
    });
    const assessed =
      state.systemDecides && eligibility ? [assessedEvent(command, 'INVESTIGATION', eligibility)] : [];
    return accept([
      recorded,
      ...assessed,
      ...advance(afterEvents(state, [recorded, ...assessed]), 'INVESTIGATION', 'INVESTIGATED', command),
    ]);
  },
};

export const recordTownReview: CommandHandler<'RecordTownReview'> = {
  // Art. 15(3): the town's opinion within 3 working days; eligible → first publicity.
  guard: guardFrom({
    type: 'RecordTownReview',
    roles: ['CASEWORKER'],
    statuses: ['OPEN'],
    steps: ['TOWN_REVIEW'],
  }),
  handle: (state, command) => {
    const override = overrideEvents(
      state,
      command,
      'TOWN_REVIEW',
      command.data.eligible,
      command.data.overrideReason,
    );
    if ('rejection' in override) return refuse(override.rejection);
    const recorded = eventFrom(command, 'TownReviewRecorded', {
      eligible: command.data.eligible,
      opinion: command.data.opinion,
    });
    const done = [recorded, ...override.events];
    if (!command.data.eligible)
      return accept(refusalEvents(state, 'TOWN_REVIEW', [command.data.opinion], command, done));
    return accept([...done, ...advance(afterEvents(state, done), 'TOWN_REVIEW', 'ELIGIBLE', command)]);
  },
};

const PUBLICITY_STEPS = ['FIRST_NOTICE', 'SECOND_NOTICE'] as const;

export const raiseObjection: CommandHandler<'RaiseObjection'> = {
  // Art. 15(4): at the first publicity only an objection "能出示有效证据" leads to democratic review.
  // Art. 15(8) para. 2: at the second publicity any objection ("出现异议") leads to re-investigation.
  guard: guardFrom({
    type: 'RaiseObjection',
    roles: ['CASEWORKER', 'DISTRICT_REVIEWER'],
    statuses: ['OPEN'],
    steps: PUBLICITY_STEPS,
  }),
  handle: (state, command) => {
    const { objector, summary, evidenceRefs, evidenceValid } = command.data;
    const step = actedStep(state, PUBLICITY_STEPS);
    const open = openStep(state, step);
    const due = open && effectiveDue(open);
    if (state.procedure && due && instantMs(command.at) >= instantMs(due.dueAt))
      return refuse(reject.publicityPeriodOver(step, due.dueAt));
    const triggersReview = step === 'SECOND_NOTICE' || evidenceValid;
    const raised = eventFrom(command, 'ObjectionRaised', {
      step,
      objector,
      summary,
      evidenceRefs,
      evidenceValid,
      triggersReview,
    });
    // Recorded; the publicity runs on. Issue 12: under a procedure always — every objection of the period is
    // heard and the period's end decides (ClosePublicityPeriod).
    if (!triggersReview || state.procedure) return accept([raised]);
    const ended = eventFrom(command, 'PublicityEnded', { step, outcome: 'OBJECTION' });
    return accept([
      raised,
      ended,
      ...advance(afterEvents(state, [raised, ended]), step, 'OBJECTION', command),
    ]);
  },
};

export const recordDemocraticReview: CommandHandler<'RecordDemocraticReview'> = {
  // Art. 15(4)-(5): town staff, village party organisation and committee, party-member and villager
  // representatives evaluate; not eligible → written notice within 3 working days.
  guard: guardFrom({
    type: 'RecordDemocraticReview',
    roles: ['CASEWORKER'],
    statuses: ['OPEN'],
    steps: ['DEMOCRATIC_REVIEW'],
  }),
  handle: (state, command) => {
    const { eligible, conclusion, participants, heldOn } = command.data;
    // Issue 12: the review was held between the end of the publicity and today; the next step (Art. 15(4):
    // "经民主评议的…3个工作日内") counts from the day it was held, not from the day it is recorded.
    const open = openStep(state, 'DEMOCRATIC_REVIEW');
    const today = shanghaiDate(command.at);
    if (state.procedure && open && (heldOn > today || heldOn < shanghaiDate(open.clockStartedAt))) {
      return refuse(
        reject.invalidData(
          'data.heldOn',
          `评议日期须在公示期满（${shanghaiDate(open.clockStartedAt)}）之后、不晚于今天（${today}）。`,
          `the review must have been held after the publicity ended (${shanghaiDate(open.clockStartedAt)}) and not after today (${today}).`,
        ),
      );
    }
    const countsFrom = state.procedure && heldOn < today ? startOfDayShanghai(heldOn) : undefined;
    const recorded = eventFrom(command, 'DemocraticReviewRecorded', {
      eligible,
      conclusion,
      participants,
      heldOn,
    });
    // The democratic review may find otherwise than the rules; its conclusion is the reason on record.
    const override = overrideEvents(state, command, 'DEMOCRATIC_REVIEW', eligible, conclusion);
    const done = [recorded, ...('events' in override ? override.events : [])];
    if (!eligible) return accept(refusalEvents(state, 'DEMOCRATIC_REVIEW', [conclusion], command, done));
    return accept([
      ...done,
      ...advance(afterEvents(state, done), 'DEMOCRATIC_REVIEW', 'ELIGIBLE', command, countsFrom),
    ]);
  },
};

export const submitToDistrict: CommandHandler<'SubmitToDistrict'> = {
  // Art. 15(4): within 3 working days after the publicity, materials and survey go to the district.
  guard: guardFrom({
    type: 'SubmitToDistrict',
    roles: ['CASEWORKER'],
    statuses: ['OPEN'],
    steps: ['SUBMISSION'],
  }),
  handle: (state, command) => {
    const submitted = eventFrom(command, 'SubmittedToDistrict', { materialsRef: command.data.materialsRef });
    return accept([
      submitted,
      ...advance(afterEvents(state, [submitted]), 'SUBMISSION', 'SUBMITTED', command),
    ]);
  },
};
