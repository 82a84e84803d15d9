import { Injectable } from '@nestjs/common';
import { isTerminal, type CaseState, type CommandType } from '../../../../libs/domain/src';
import type { ActionRequest, ApplicationInput } from '../../../../workflows/src/definitions';
import type { Actor } from '../auth/jwt';
import { ApplicationWorkflows } from './application-workflows';
import { CaseRecords, summaryForRole, toDomainActor } from './case-records';

/**
 * One caseworker action as one workflow Update: the workflow's validator decides it (refused → 409/422/403,
 * nothing changes) and the Update answers with the case summary, sent back as is. Only the read model is
 * consulted first, for the caller's town and (Art. 35) a case that has already ended.
 */
@Injectable()
export class ActOnCaseService {
  constructor(
    private readonly workflows: ApplicationWorkflows,
    private readonly records: CaseRecords,
  ) {}

  async act(actor: Actor, caseId: string, type: CommandType, data: unknown) {
    const head = await this.records.head(actor, caseId);
    // The person's request as sent: the validator decides it, the system fills in what it decides.
    const request = { type, actor: toDomainActor(actor), data: data ?? {} } as ActionRequest;
    // Art. 35: fraud may come to light after the case has ended; its workflow is started again from the event store.
    if (type === 'ReportFraud' && isTerminal(head.status))
      await this.reopen((await this.records.read(actor, caseId)).state);
    return summaryForRole(await this.workflows.act(caseId, request), actor);
  }

  private async reopen(state: CaseState): Promise<void> {
    // Either the run is ending right now, or it is a reopened run still waiting for its report (it takes
    // the Update itself): never wait for the latter, which only ends after a day.
    if (!(await this.workflows.endsWithin(state.caseId, 5_000))) return;
    const input: ApplicationInput = {
      caseId: state.caseId,
      category: state.category!,
      town: state.town,
      applicationDate: state.applicationDate!,
      applicant: state.applicant!,
      submittedBy: { id: 'system', role: 'SYSTEM' },
      reopen: true,
    };
    await this.workflows.start(input); // false: reopened by someone else just now
  }
}
