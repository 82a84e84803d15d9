import {
  actors,
  CaseDriver,
  dateOf,
  expectRejected,
  investigationData,
  START_MS,
  submitData,
  submitted,
  typesOf,
} from './support';

const DAY = 86_400_000;

/** SYSTEM commands: what the workflow issues itself (限时办结制, 督查督办). */
describe('deadlines', () => {
  const opened = () => {
    const driver = new CaseDriver();
    driver.autoDeadlines = false;
    driver.do('SubmitApplication', submitData(), actors.caseworker);
    return driver;
  };

  test('RecordDeadline after StepOpened → DeadlineSet; a second one is rejected', () => {
    const driver = opened();
    expect(driver.state.openSteps[0].awaitingDeadline).toBe(true);
    const events = driver.do(
      'RecordDeadline',
      { step: 'ACCEPTANCE', dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00', provisional: false },
      actors.system,
    );
    expect(typesOf(events)).toEqual(['DeadlineSet']);
    expect(events[0].data).toEqual({
      step: 'ACCEPTANCE',
      dueDate: '2019-03-08',
      dueAt: '2019-03-08T23:59:59+08:00',
      provisional: false,
    });
    expectRejected(
      driver.when(
        'RecordDeadline',
        { step: 'ACCEPTANCE', dueDate: '2019-03-09', dueAt: '2019-03-09T23:59:59+08:00', provisional: false },
        actors.system,
      ),
      'DEADLINE_ALREADY_SET',
    );
  });

  test('RecordDeadline checks the step and the formats; only SYSTEM records deadlines', () => {
    const driver = opened();
    expectRejected(
      driver.when(
        'RecordDeadline',
        { step: 'APPROVAL', dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00', provisional: false },
        actors.system,
      ),
      'STEP_NOT_OPEN',
    );
    expectRejected(
      driver.when(
        'RecordDeadline',
        { step: 'ACCEPTANCE', dueDate: '8/3/2019', dueAt: '2019-03-08T23:59:59+08:00', provisional: false },
        actors.system,
      ),
      'INVALID_DATA',
      'data.dueDate',
    );
    expectRejected(
      driver.when(
        'RecordDeadline',
        { step: 'ACCEPTANCE', dueDate: '2019-03-08', dueAt: '2019-03-08 23:59', provisional: false },
        actors.system,
      ),
      'INVALID_DATA',
      'data.dueAt',
    );
    expectRejected(
      driver.when(
        'RecordDeadline',
        { step: 'ACCEPTANCE', dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00' },
        actors.system,
      ),
      'INVALID_DATA',
      'data.provisional',
    );
    expectRejected(
      driver.when(
        'RecordDeadline',
        { step: 'ACCEPTANCE', dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00', provisional: false },
        actors.caseworker,
      ),
      'ROLE_NOT_PERMITTED',
    );
  });

  test('a paused step gets no deadline until its clock restarts', () => {
    const driver = opened();
    driver.do('RequestMissingMaterials', { missingItems: ['户口簿'], noticeRef: 'N' }, actors.caseworker);
    expectRejected(
      driver.when(
        'RecordDeadline',
        { step: 'ACCEPTANCE', dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00', provisional: false },
        actors.system,
      ),
      'STEP_CLOCK_PAUSED',
    );
  });

  test('RecomputeDeadline changes only provisional deadlines', () => {
    const driver = opened();
    driver.do(
      'RecordDeadline',
      { step: 'ACCEPTANCE', dueDate: '2019-03-08', dueAt: '2019-03-08T23:59:59+08:00', provisional: false },
      actors.system,
    );
    expectRejected(
      driver.when(
        'RecomputeDeadline',
        { step: 'ACCEPTANCE', dueDate: '2019-03-11', dueAt: '2019-03-11T23:59:59+08:00', provisional: false },
        actors.system,
      ),
      'DEADLINE_NOT_PROVISIONAL',
    );

    const provisional = opened();
    provisional.do(
      'RecordDeadline',
      { step: 'ACCEPTANCE', dueDate: '2020-01-03', dueAt: '2020-01-03T23:59:59+08:00', provisional: true },
      actors.system,
    );
    const events = provisional.do(
      'RecomputeDeadline',
      { step: 'ACCEPTANCE', dueDate: '2020-01-06', dueAt: '2020-01-06T23:59:59+08:00', provisional: false },
      actors.system,
    );
    expect(typesOf(events)).toEqual(['DeadlineRecomputed']);
    expect(events[0].data).toEqual({
      step: 'ACCEPTANCE',
      previousDueDate: '2020-01-03',
      dueDate: '2020-01-06',
      dueAt: '2020-01-06T23:59:59+08:00',
      provisional: false,
    });
    expect(provisional.state.openSteps[0].statutoryDue).toEqual({
      dueDate: '2020-01-06',
      dueAt: '2020-01-06T23:59:59+08:00',
      provisional: false,
    });
    expectRejected(
      provisional.when(
        'RecomputeDeadline',
        { step: 'ACCEPTANCE', dueDate: '2020-01-07', dueAt: '2020-01-07T23:59:59+08:00', provisional: false },
        actors.system,
      ),
      'DEADLINE_NOT_PROVISIONAL',
    );
  });

  test('the timeline says whether each step finished on time', () => {
    const driver = submitted();
    driver.clock = START_MS + 30 * DAY;
    driver.do('AcceptApplication', {}, actors.caseworker);
    expect(driver.state.completedSteps[0]).toMatchObject({
      step: 'ACCEPTANCE',
      onTime: false,
      completedBy: 'cw-a',
      outcome: 'ACCEPTED',
    });
    driver.do('RecordInvestigation', investigationData(), actors.caseworker);
    expect(driver.state.completedSteps[1]).toMatchObject({ step: 'INVESTIGATION', onTime: true });
  });
});

describe('reminders and 催办', () => {
  test('OPENED, BEFORE_DUE and DUE reminders are counted but are not 催办', () => {
    const driver = submitted();
    for (const kind of ['OPENED', 'BEFORE_DUE', 'DUE']) {
      const events = driver.do('IssueReminder', { step: 'ACCEPTANCE', kind }, actors.system);
      expect(typesOf(events)).toEqual(['ReminderIssued']);
      expect(events[0].data).toEqual({
        step: 'ACCEPTANCE',
        kind,
        assignee: { id: 'cw-a', role: 'CASEWORKER' },
      });
    }
    expect(driver.state.supervision.remindersByStep).toEqual({ ACCEPTANCE: 3 });
    expect(driver.state.supervision.urgesByStep).toEqual({});
  });

  test('OVERDUE before the due time is rejected', () => {
    const driver = submitted();
    expectRejected(
      driver.when('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system),
      'NOT_YET_OVERDUE',
      'data.kind',
    );
  });

  test('each OVERDUE is a 催办, escalated from the first; the assignee is flagged at the third, once', () => {
    const driver = submitted().passDue();
    const first = driver.do('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system);
    expect(typesOf(first)).toEqual(['ReminderIssued', 'UrgeIssued', 'EscalatedToSupervisor']);
    expect(first[1].data).toEqual({
      step: 'ACCEPTANCE',
      assignee: { id: 'cw-a', role: 'CASEWORKER' },
      countForStep: 1,
      countForAssignee: 1,
    });
    expect(first[2].data).toEqual({
      step: 'ACCEPTANCE',
      assignee: { id: 'cw-a', role: 'CASEWORKER' },
      town: '会城街道',
      countForStep: 1,
    });
    driver.do('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system);
    const third = driver.do('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system);
    expect(typesOf(third)).toEqual([
      'ReminderIssued',
      'UrgeIssued',
      'EscalatedToSupervisor',
      'AssigneeFlagged',
    ]);
    expect(third[3].data).toEqual({
      assignee: { id: 'cw-a', role: 'CASEWORKER' },
      urgeCount: 3,
      threshold: 3,
    });
    const fourth = driver.do('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system);
    expect(typesOf(fourth)).toEqual(['ReminderIssued', 'UrgeIssued', 'EscalatedToSupervisor']);
    expect(driver.state.supervision).toMatchObject({
      urgesByStep: { ACCEPTANCE: 4 },
      urgesByAssignee: { 'cw-a': 4 },
      flaggedAssignees: ['cw-a'],
    });
  });

  test('urges count per assignee across steps; after reassignment the B post is counted', () => {
    const driver = submitted().passDue();
    driver.do('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system);
    driver.do('AcceptApplication', {}, actors.caseworker);
    driver.passDue();
    const second = driver.do('IssueReminder', { step: 'INVESTIGATION', kind: 'OVERDUE' }, actors.system);
    expect(second[1].data).toMatchObject({ countForStep: 1, countForAssignee: 2 });
    driver.do('Reassign', { step: 'INVESTIGATION', reason: '休假' }, actors.caseworker);
    const third = driver.do('IssueReminder', { step: 'INVESTIGATION', kind: 'OVERDUE' }, actors.system);
    expect(third[1].data).toMatchObject({ assignee: { id: 'cw-b' }, countForStep: 2, countForAssignee: 1 });
  });

  test('the flag threshold is a policy parameter', () => {
    const driver = submitted('ILLNESS_POVERTY', { urgeFlagThreshold: 1 }).passDue();
    const events = driver.do('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system);
    expect(typesOf(events)).toContain('AssigneeFlagged');
  });

  test('an extension moves the overdue point', () => {
    const driver = submitted().passDue();
    driver.do(
      'ExtendDeadline',
      { step: 'ACCEPTANCE', newDueDate: dateOf(driver.clock + 10 * DAY), reason: '材料需外地调取' },
      actors.leader,
    );
    expectRejected(
      driver.when('IssueReminder', { step: 'ACCEPTANCE', kind: 'OVERDUE' }, actors.system),
      'NOT_YET_OVERDUE',
    );
  });

  test('reminders need a recorded due date except OPENED; steps without a period only get OPENED', () => {
    const driver = new CaseDriver();
    driver.autoDeadlines = false;
    driver.do('SubmitApplication', submitData(), actors.caseworker);
    expect(driver.when('IssueReminder', { step: 'ACCEPTANCE', kind: 'OPENED' }, actors.system).ok).toBe(true);
    expectRejected(
      driver.when('IssueReminder', { step: 'ACCEPTANCE', kind: 'DUE' }, actors.system),
      'DEADLINE_NOT_SET',
    );
    expectRejected(
      driver.when('IssueReminder', { step: 'ACCEPTANCE', kind: 'LATE' }, actors.system),
      'INVALID_DATA',
      'data.kind',
    );
  });
});
