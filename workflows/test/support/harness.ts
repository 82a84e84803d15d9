import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingServer } from '../../../libs/devstack/test/time-skipping';
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from './history-json';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createActivities } from '../../../apps/worker/src/activities';
import type {
  Actor,
  CaseState,
  CaseSummary,
  OpenStep,
  Rejection,
  RejectionCode,
} from '../../../libs/domain/src';
import { shanghaiDateOf, type WorkingDayCalendar } from '../../../libs/calendar/src';
import {
  CalendarStore,
  EventStore,
  PolicyStore,
  casePolicyOf,
  createDataSource,
} from '../../../libs/persistence/src';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { applicationWorkflow, applicationWorkflowV2 } from '../../src';
import {
  REJECTION_PREFIX,
  actUpdate,
  stateQuery,
  summaryQuery,
  type ActionRequest,
  type ApplicationInput,
} from '../../src/definitions';

/** Where the replay test finds committed histories (see workflows/README.md, "Re-recording histories"). */
export const HISTORIES_DIR = join(__dirname, '..', 'histories');
/** `RECORD_HISTORIES=1` makes the path tests write their histories for the replay test. */
export const RECORDING = process.env.RECORD_HISTORIES === '1';

export const TOWN = '会城街道';
export const caseworker: Actor = { id: 'cw-li', role: 'CASEWORKER', town: TOWN };
export const caseworkerB: Actor = { id: 'cw-wang', role: 'CASEWORKER', town: TOWN };
export const otherTownCaseworker: Actor = { id: 'cw-chen', role: 'CASEWORKER', town: '司前镇' };
export const reviewer: Actor = { id: 'dr-zhao', role: 'DISTRICT_REVIEWER' };
export const leader: Actor = { id: 'dl-huang', role: 'DISTRICT_LEADER' };
export const finance: Actor = { id: 'fin-he', role: 'FINANCE' };

/**
 * The application workflow on Temporal's time-skipping test server, with the real activities against a
 * fresh PostgreSQL database (event store, calendar, rules): nothing is mocked.
 */
export class WorkflowHarness {
  env!: TestWorkflowEnvironment;
  dataSource!: DataSource;
  eventStore!: EventStore;
  private policies!: PolicyStore;
  private worker!: Worker;
  private running!: Promise<void>;
  private db!: Awaited<ReturnType<typeof createTestDatabase>>;
  private counter = 0;
  readonly taskQueue: string;

  constructor(private readonly label: string) {
    this.taskQueue = `wf-${label}`;
  }

  async start(): Promise<void> {
    this.db = await createTestDatabase(this.label);
    this.dataSource = await createDataSource(this.db.url).initialize();
    this.eventStore = new EventStore(this.dataSource);
    this.policies = new PolicyStore(this.dataSource);
    this.env = await startTimeSkippingServer();
    const calendarStore = new CalendarStore(this.dataSource);
    this.worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowsPath: require.resolve('../../src'),
      activities: createActivities({
        dataSource: this.dataSource,
        calendar: () => calendarStore.calendar(),
        eventStore: this.eventStore,
      }),
    });
    this.running = this.worker.run();
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.running?.catch(() => undefined);
    await this.env?.teardown();
    await this.dataSource?.destroy();
    await this.db?.drop();
  }

  /** Starts a case and (unless `wait: false`) waits until it is registered and its first due date recorded. */
  async startCase(
    overrides: Partial<ApplicationInput> = {},
    { wait = true, version = 2 }: { wait?: boolean; version?: 1 | 2 } = {},
  ): Promise<WorkflowHandle<typeof applicationWorkflowV2>> {
    const caseId = `${this.label}-${++this.counter}`;
    const input: ApplicationInput = {
      caseId,
      category: 'ILLNESS_POVERTY',
      town: TOWN,
      applicationDate: '2019-03-01',
      applicant: { name: '陈阿姨', householdSize: 3, personRef: `person-${caseId}` },
      submittedBy: caseworker,
      ...overrides,
    };
    // As the API does: the version in force goes with the input (none in force: the run's loadPolicy refuses).
    if (version === 2 && !('policy' in overrides)) {
      const loaded = await this.policies.forDate(input.applicationDate).catch(() => null);
      if (loaded) input.policy = casePolicyOf(loaded);
    }
    // Version 2 is what the API starts; version 1 stays registered for the cases it started.
    const handle = await this.env.client.workflow.start(
      version === 1 ? applicationWorkflow : applicationWorkflowV2,
      {
        taskQueue: this.taskQueue,
        workflowId: `application-${caseId}`,
        args: [input],
      },
    );
    if (wait) await this.waitFor(handle, (s) => s.currentStep !== null || s.status !== 'NEW');
    return handle;
  }

  act(handle: WorkflowHandle, request: ActionRequest): Promise<CaseSummary> {
    return handle.executeUpdate(actUpdate, { args: [request] });
  }

  summary(handle: WorkflowHandle): Promise<CaseSummary> {
    return handle.query(summaryQuery);
  }

  state(handle: WorkflowHandle): Promise<CaseState> {
    return handle.query(stateQuery);
  }

  /** The case id a handle was started with (workflow id `application-<caseId>`). */
  caseIdOf(handle: WorkflowHandle): string {
    return handle.workflowId.replace(/^application-/, '');
  }

  /** Event types of the case in the event store, in order. */
  async eventTypes(handle: WorkflowHandle): Promise<string[]> {
    return (await this.eventStore.read(this.caseIdOf(handle))).map((e) => e.type);
  }

  /**
   * Sends an action the decider must refuse and checks the refusal: the Update fails with the decider's
   * rejection (message `REJECTED:<json>`), and the workflow history shows no trace of it — no accepted
   * Update, no activity, no new event at all but workflow-task bookkeeping.
   */
  async expectRejected(
    handle: WorkflowHandle,
    request: ActionRequest,
    code: RejectionCode,
  ): Promise<Rejection> {
    const before = await this.quietHistory(handle);
    const error = await this.act(handle, request).then(
      (summary) =>
        new Error(
          `expected ${request.type} to be rejected with ${code}, but it was accepted: ${JSON.stringify(summary).slice(0, 300)}`,
        ),
      (err: unknown) => err,
    );
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    const message = error.cause?.message ?? '';
    if (!message.startsWith(REJECTION_PREFIX)) throw new Error(`not a decider rejection: ${message}`);
    const rejection = JSON.parse(message.slice(REJECTION_PREFIX.length)) as Rejection;
    if (rejection.code !== code) throw new Error(`expected ${code}, got ${JSON.stringify(rejection)}`);
    const after = await this.quietHistory(handle);
    const traces = after
      .slice(before.length)
      .filter(
        (e) =>
          !e.workflowTaskScheduledEventAttributes &&
          !e.workflowTaskStartedEventAttributes &&
          !e.workflowTaskCompletedEventAttributes,
      );
    if (traces.length > 0)
      throw new Error(
        `the rejected ${request.type} left events in history: ${JSON.stringify(traces.map((e) => e.eventType))}`,
      );
    const accepted = after.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    const acceptedBefore = before.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    if (accepted !== acceptedBefore)
      throw new Error(`the rejected ${request.type} was accepted as an Update`);
    return rejection;
  }

  /**
   * The history once the workflow has finished reacting to the last action (after an Update the timer loop
   * plans the next reminder with an activity and starts a timer): no activity pending, and no new event
   * over a short interval.
   */
  async quietHistory(handle: WorkflowHandle) {
    let last = -1;
    for (let tries = 0; tries < 100; tries++) {
      const events = (await handle.fetchHistory()).events ?? [];
      const pending = (await handle.describe()).raw.pendingActivities?.length ?? 0;
      if (pending === 0 && events.length === last) return events;
      last = events.length;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the workflow history did not settle');
  }

  /** With RECORD_HISTORIES=1, writes the run's history for the replay test (workflows/test/histories/<name>.json). */
  async recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
    if (!RECORDING) return;
    mkdirSync(HISTORIES_DIR, { recursive: true });
    writeFileSync(join(HISTORIES_DIR, `${name}.json`), historyToJSON(await handle.fetchHistory()) + '\n');
  }

  /** The working-day calendar the activities use (official data + this database's bureau entries). */
  calendar(): Promise<WorkingDayCalendar> {
    return new CalendarStore(this.dataSource).calendar();
  }

  /** Today in workflow time (Asia/Shanghai), e.g. the day a democratic review is held. */
  async today(): Promise<string> {
    return shanghaiDateOf(new Date(await this.env.currentTimeMs()));
  }

  /** The open step's record in the workflow state. */
  async openStep(handle: WorkflowHandle, step: string): Promise<OpenStep> {
    const open = (await this.state(handle)).openSteps.find((s) => s.step === step);
    if (!open) throw new Error(`${step} is not open`);
    return open;
  }

  /** The due date of `count` working days counted from the step's clock start (the day after it). */
  async workingDaysFrom(instant: string, count: number) {
    return (await this.calendar()).addWorkingDays(shanghaiDateOf(instant), count);
  }

  /** No open step is still waiting for its due date from the calendar activity. */
  async settled(handle: WorkflowHandle): Promise<boolean> {
    const state = await handle.query(stateQuery);
    return !state.openSteps.some(
      (open) => open.awaitingDeadline && open.pausedFor.length === 0 && open.period,
    );
  }

  /** Polls the query until the workflow has caught up (activities run asynchronously after a start or timer). */
  async waitFor(
    handle: WorkflowHandle,
    predicate: (s: CaseSummary) => boolean,
    what = 'the expected state',
  ): Promise<CaseSummary> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const summary = await handle.query(summaryQuery);
      // Settled, too: a step that has just opened gets its due date from an activity a moment later.
      if (predicate(summary) && (await this.settled(handle))) return handle.query(summaryQuery);
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; summary: ${JSON.stringify(summary).slice(0, 600)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The rules input a district reviewer sends: an insured DIBAO-like inpatient bill, category set per case. */
export {
  calculationFor,
  directRouteHousehold,
  householdFor,
} from '../../../libs/rules/test/fixtures/case-facts';
