import { caseDecider } from '../src/decider';
import type { CaseEvent } from '../src/events';
import { evolve, foldEvents } from '../src/evolve';
import { isMoney, normaliseMoney, toFen, isIsoDate, isIsoInstant } from '../src/formats';
import { allowedActions, caseSummary } from '../src/queries';
import { initialState } from '../src/state';
import { TRANSITIONS, STEPS, STEP_DEFINITIONS, refusableSteps, routeFor } from '../src/steps';
import { actors, command, submitData, submitted } from './support';

describe('allowedActions', () => {
  test('before submission only a caseworker may submit', () => {
    expect(allowedActions(undefined, actors.caseworker)).toEqual(['SubmitApplication']);
    expect(allowedActions(undefined, actors.reviewer)).toEqual([]);
  });

  test('at acceptance, by role', () => {
    const { state } = submitted();
    expect(allowedActions(state, actors.caseworker)).toEqual([
      'AcceptApplication',
      'RequestMissingMaterials',
      'Refuse',
      'Withdraw',
      'ReportDeath',
      'Reassign',
    ]);
    expect(allowedActions(state, actors.caseworkerB)).toEqual([
      'AcceptApplication',
      'RequestMissingMaterials',
      'Refuse',
      'Withdraw',
      'ReportDeath',
    ]);
    expect(allowedActions(state, actors.otherTownCaseworker)).toEqual([]);
    expect(allowedActions(state, actors.supervisor)).toEqual([]);
    expect(allowedActions(state, actors.finance)).toEqual([]);
    expect(allowedActions(state, actors.leader)).toEqual([
      'Suspend',
      'ReportFraud',
      'Reassign',
      'ExtendDeadline',
    ]);
    expect(allowedActions(state, actors.system)).toEqual(['IssueReminder']);
  });

  test('a closed case allows only fraud reporting by the district', () => {
    const { state } = submitted('DIBAO').driveTo('END');
    expect(allowedActions(state, actors.caseworker)).toEqual([]);
    expect(allowedActions(state, actors.reviewer)).toEqual(['ReportFraud']);
  });
});

describe('caseSummary', () => {
  test('shows step, assignee, dues, amounts, status and what each role may do', () => {
    const driver = submitted().driveTo('APPROVAL');
    const summary = caseSummary(driver.state);
    expect(summary).toMatchObject({
      caseId: 'XH-2019-0001',
      status: 'OPEN',
      route: 'FULL',
      currentStep: 'APPROVAL',
      currentStepTermZh: '审批决定',
      assignee: { id: 'dr-1', role: 'DISTRICT_REVIEWER' },
      bPost: { id: 'dr-2', role: 'DISTRICT_REVIEWER' },
      extendedDue: null,
      suspended: false,
      amounts: { proposed: '12000.50', approvalAuthority: 'DISTRICT_BUREAU', approved: null },
    });
    expect(summary.statutoryDue).not.toBeNull();
    expect(summary.allowedActionsByRole.DISTRICT_REVIEWER).toContain('Approve');
    expect(summary.allowedActionsByRole.DISTRICT_LEADER).not.toContain('Approve');
    expect(summary.allowedActionsByRole.SUPERVISOR).toEqual([]);
    expect(summary.timeline.map((line) => line.step)).toEqual([
      'ACCEPTANCE',
      'INVESTIGATION',
      'TOWN_REVIEW',
      'FIRST_NOTICE',
      'SUBMISSION',
      'DISTRICT_REVIEW',
      'SECOND_NOTICE',
    ]);
  });
});

describe('evolve', () => {
  test('folding the recorded events gives the same state as applying them one decision at a time', () => {
    const driver = submitted().driveTo('END');
    expect(foldEvents(driver.events)).toEqual(driver.state);
    expect(driver.events.reduce(caseDecider.evolve, caseDecider.initialState)).toEqual(driver.state);
  });

  test('is total: unknown event types and events for steps not open leave the state as it was', () => {
    const { state } = submitted();
    const unknown = {
      type: 'SomethingNew',
      data: {},
      actor: actors.system,
      at: '2019-03-02T00:00:00+08:00',
    } as unknown as CaseEvent;
    expect(evolve(state, unknown)).toEqual({ ...state, lastEventAt: unknown.at });
    const stray: CaseEvent = {
      type: 'StepCompleted',
      data: { step: 'APPROVAL', outcome: 'APPROVED' },
      actor: actors.system,
      at: '2019-03-02T00:00:00+08:00',
    };
    expect(evolve(state, stray).openSteps).toEqual(state.openSteps);
  });

  test('the decider value bundles decide, evolve and the initial state', () => {
    expect(caseDecider.initialState).toBe(initialState);
    const decision = caseDecider.decide(
      undefined,
      command('SubmitApplication', submitData(), actors.caseworker, '2019-03-01T09:00:00+08:00'),
    );
    expect(decision.ok && decision.events.map((event) => event.type)).toEqual([
      'ApplicationSubmitted',
      'StepOpened',
    ]);
  });
});

describe('steps and formats', () => {
  test('every step has its Chinese term, holder and period key; only RECOVERY has no period', () => {
    for (const step of STEPS) {
      expect(STEP_DEFINITIONS[step].termZh).toMatch(/[\u4e00-\u9fff]/);
      expect(STEP_DEFINITIONS[step].periodKey === null).toBe(step === 'RECOVERY');
    }
  });

  test('routes follow Art. 14 and 15', () => {
    expect(routeFor('ILLNESS_POVERTY')).toBe('FULL');
    expect(routeFor('OTHER_HARDSHIP')).toBe('FULL');
    expect(routeFor('EXTREME_POOR')).toBe('DIRECT');
    expect(refusableSteps('FULL')).toEqual([
      'ACCEPTANCE',
      'TOWN_REVIEW',
      'DEMOCRATIC_REVIEW',
      'DISTRICT_REVIEW',
      'RE_INVESTIGATION',
      'APPROVAL',
    ]);
    expect(refusableSteps('DIRECT')).toEqual(['ACCEPTANCE', 'DISTRICT_REVIEW', 'APPROVAL']);
    expect(Object.keys(TRANSITIONS.DIRECT)).not.toContain('INVESTIGATION');
  });

  test('money strings are compared exactly, in fen', () => {
    expect(isMoney('1234.50')).toBe(true);
    expect(isMoney('1234.505')).toBe(false);
    expect(isMoney('1,234')).toBe(false);
    expect(toFen('0.1') + toFen('0.2')).toBe(toFen('0.3'));
    expect(normaliseMoney('80000')).toBe('80000.00');
    expect(normaliseMoney('0.5')).toBe('0.50');
  });

  test('dates and instants', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2019-02-29')).toBe(false);
    expect(isIsoInstant('2019-03-01T09:00:00+08:00')).toBe(true);
    expect(isIsoInstant('2019-03-01T09:00:00Z')).toBe(true);
    expect(isIsoInstant('2019-03-01T09:00:00')).toBe(false);
  });
});
