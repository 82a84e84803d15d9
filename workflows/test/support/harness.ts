import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { createActivities } from '../../../apps/worker/src/activities';
import type { Actor, CaseSummary } from '../../../libs/domain/src';
import { CalendarStore, EventStore, createDataSource } from '../../../libs/persistence/src';
import { createTestDatabase } from '../../../libs/persistence/test/test-database';
import { testEnvironment } from '../../../libs/devstack/test/stack';
import { applicationWorkflow } from '../../src';
import { caseSearchAttributes } from '../../src/search-attributes';
import { temporal } from '@temporalio/proto';
import { actUpdate, summaryQuery, type ActionRequest, type ApplicationInput } from '../../src/definitions';

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
    this.env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testEnvironment().testServerPath } },
    });
    // The Java test server knows only the search attributes registered with it, like a real cluster.
    await this.env.connection.operatorService.addSearchAttributes({
      namespace: this.env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(caseSearchAttributes.map((k) => [k.name, indexedValueType(k.type)])),
    });
    const calendarStore = new CalendarStore(this.dataSource);
    this.worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowsPath: require.resolve('../../src'),
      activities: createActivities({ dataSource: this.dataSource, calendar: () => calendarStore.calendar(), eventStore: this.eventStore }),
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

  async startCase(overrides: Partial<ApplicationInput> = {}): Promise<WorkflowHandle<typeof applicationWorkflow>> {
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
    const handle = await this.env.client.workflow.start(applicationWorkflow, {
      taskQueue: this.taskQueue,
      workflowId: `application-${caseId}`,
      args: [input],
    });
    await this.waitFor(handle, (s) => s.currentStep !== null || s.status !== 'NEW');
    return handle;
  }

  act(handle: WorkflowHandle, request: ActionRequest): Promise<CaseSummary> {
    return handle.executeUpdate(actUpdate, { args: [request] });
  }

  summary(handle: WorkflowHandle): Promise<CaseSummary> {
    return handle.query(summaryQuery);
  }

  /** Polls the query until the workflow has caught up (activities run asynchronously after a start or timer). */
  async waitFor(handle: WorkflowHandle, predicate: (s: CaseSummary) => boolean, what = 'the expected state'): Promise<CaseSummary> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const summary = await handle.query(summaryQuery);
      if (predicate(summary)) return summary;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; summary: ${JSON.stringify(summary).slice(0, 600)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The rules input a district reviewer sends: an insured DIBAO-like inpatient bill, category set per case. */
export function calculationFor(category: string, compliantCost = '10000.00') {
  return {
    applicationDate: '2019-03-01',
    category,
    aidYear: 2019,
    applicant: { birthDate: '1960-05-01', insured: true },
    yearToDate: { basicAidPaid: '0.00', secondaryAidPaid: '0.00', selfPaidAfterAid: '0.00', mentalRehabPaid: '0.00' },
    bills: [
      {
        id: 'ZY-2019-0131',
        kind: 'INPATIENT',
        date: '2019-02-01',
        totalCost: compliantCost,
        compliantCost,
        reimbursements: { basicInsurance: '5000.00', criticalIllnessInsurance: '1000.00' },
      },
    ],
  };
}

function indexedValueType(type: string): temporal.api.enums.v1.IndexedValueType {
  const IVT = temporal.api.enums.v1.IndexedValueType;
  const byType: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: IVT.INDEXED_VALUE_TYPE_KEYWORD,
    DATETIME: IVT.INDEXED_VALUE_TYPE_DATETIME,
    TEXT: IVT.INDEXED_VALUE_TYPE_TEXT,
    INT: IVT.INDEXED_VALUE_TYPE_INT,
    BOOL: IVT.INDEXED_VALUE_TYPE_BOOL,
    DOUBLE: IVT.INDEXED_VALUE_TYPE_DOUBLE,
  };
  return byType[type]!;
}
