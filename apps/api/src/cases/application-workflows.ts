import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/src';
import type { CaseSummary } from '../../../../libs/domain/src';
import {
  APPLICATION_WORKFLOW,
  actUpdate,
  applicationWorkflowId,
  submittedUpdate,
  type ActionRequest,
  type ApplicationInput,
} from '../../../../workflows/src/definitions';
import { CaseCategory, CaseTown } from '../../../../workflows/src/search-attributes';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { toApiError } from './case-errors';

/** The cases API's only door to Temporal: start a case's workflow, send it an action. */
@Injectable()
export class ApplicationWorkflows {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Registers a case: starts its workflow and answers with the summary of the recorded submission, in one
   * call (Update-with-Start: no waiting on the read model). A repeated request reaches the running case.
   * `null` when the workflow cannot answer so (a case that has ended, or one started by version 1): the
   * caller reads the case's record instead. Throws `CreateTimedOut` when no worker answers in `waitMs`.
   */
  async create(
    input: ApplicationInput,
    waitMs: number,
  ): Promise<{ summary: CaseSummary; created: boolean } | null> {
    const signal = AbortSignal.timeout(waitMs);
    const startWorkflowOperation = new WithStartWorkflowOperation(APPLICATION_WORKFLOW, {
      ...this.startOptions(input),
      workflowIdConflictPolicy: 'USE_EXISTING',
      // An ended case is never started again by a repeated registration (Art. 35 reopening starts its own run).
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    try {
      return await this.temporal.withAbortSignal(signal, () =>
        this.temporal.workflow.executeUpdateWithStart(submittedUpdate, { startWorkflowOperation }),
      );
    } catch (err) {
      if (signal.aborted) throw new CreateTimedOut();
      if (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowUpdateFailedError)
        return null;
      throw err;
    }
  }

  /** Starts the case's workflow; false when it already runs (a retried request, a reopening just now). */
  async start(input: ApplicationInput): Promise<boolean> {
    try {
      await this.temporal.workflow.start(APPLICATION_WORKFLOW, this.startOptions(input));
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw err;
    }
  }

  /** One action, one Update: the summary it answers with, or the refusal mapped for HTTP. */
  async act(caseId: string, request: ActionRequest): Promise<CaseSummary> {
    try {
      return await this.handle(caseId).executeUpdate(actUpdate, { args: [request] });
    } catch (err) {
      throw toApiError(err);
    }
  }

  /** Whether the case's workflow still runs, and if so, whether it ends within `waitMs`. */
  async endsWithin(caseId: string, waitMs: number): Promise<boolean> {
    const handle = this.handle(caseId);
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') return true;
    return Promise.race([
      handle.result().then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), waitMs)),
    ]);
  }

  private startOptions(input: ApplicationInput) {
    return {
      taskQueue: this.config.temporal.taskQueue,
      workflowId: applicationWorkflowId(input.caseId),
      args: [input] as [ApplicationInput],
      typedSearchAttributes: [
        { key: CaseTown, value: input.town },
        { key: CaseCategory, value: input.category },
      ],
    };
  }

  private handle(caseId: string) {
    return this.temporal.workflow.getHandle(applicationWorkflowId(caseId));
  }
}

/** No worker recorded the submission in time; the workflow is started and a repeated request finds it. */
export class CreateTimedOut extends Error {}
