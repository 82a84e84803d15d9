import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/src';
import type { CaseSummary } from '../../../../libs/domain/src';
import {
  APPLICATION_WORKFLOW,
  actUpdate,
  applicationWorkflowId,
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

  /** Starts the case's workflow; false when it already runs (a retried request, a reopening just now). */
  async start(input: ApplicationInput): Promise<boolean> {
    try {
      await this.temporal.workflow.start(APPLICATION_WORKFLOW, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: applicationWorkflowId(input.caseId),
        args: [input],
        typedSearchAttributes: [
          { key: CaseTown, value: input.town },
          { key: CaseCategory, value: input.category },
        ],
      });
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

  private handle(caseId: string) {
    return this.temporal.workflow.getHandle(applicationWorkflowId(caseId));
  }
}
