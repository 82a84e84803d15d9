import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { decide, initialState, type Category } from '../../../../libs/domain/src';
import { PolicyStore, casePolicyOf, claimIdempotencyKey } from '../../../../libs/persistence/src';
import type { ApplicationInput } from '../../../../workflows/src/definitions';
import { submission } from '../../../../workflows/src/requests';
import type { Actor } from '../auth/jwt';
import { ApplicationWorkflows, CreateTimedOut } from './application-workflows';
import {
  idempotencyKeyRequired,
  idempotencyKeyReused,
  noPolicyInForce,
  rejectionToApiError,
  workerUnavailable,
} from './case-errors';
import { CaseRecords, summaryFor, summaryForRole, toDomainActor } from './case-records';

/** How long a registration waits for a worker to record the submission before answering 503. */
const CREATE_WAIT_MS = 30_000;

export interface CreateCaseRequest {
  category: Category;
  town: string;
  applicationDate: string;
  applicant: { name: string; householdSize: number; personRef: string };
}

/** Registering an application: one workflow per case, the same Idempotency-Key and body give the same case. */
@Injectable()
export class CreateCaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyStore,
    private readonly workflows: ApplicationWorkflows,
    private readonly records: CaseRecords,
  ) {}

  async create(actor: Actor, idempotencyKey: string | undefined, body: CreateCaseRequest) {
    if (!idempotencyKey || !/^[\w.:-]{8,128}$/.test(idempotencyKey)) throw idempotencyKeyRequired();
    const requestHash = createHash('sha256')
      .update(JSON.stringify(body ?? null))
      .digest('hex');
    // The case id follows from who asked and their key, so a retry after any failure reaches the same workflow.
    const caseId = `JZ-${createHash('sha256').update(`${actor.id}\n${idempotencyKey}`).digest('hex').slice(0, 12).toUpperCase()}`;
    const input = await this.validatedInput(actor, caseId, body);
    const claim = await claimIdempotencyKey(this.dataSource.manager, {
      actorId: actor.id,
      key: idempotencyKey,
      requestHash,
      caseId,
    });
    if (!claim.sameRequest) throw idempotencyKeyReused();
    const answer = await this.workflows.create(input, CREATE_WAIT_MS).catch((err: unknown) => {
      throw err instanceof CreateTimedOut ? workerUnavailable() : err;
    });
    if (answer) return { created: answer.created, caseId, summary: summaryForRole(answer.summary, actor) };
    // A case that has ended, or one version 1 started: its record answers.
    const state = await this.records.waitFor(caseId);
    return { created: false, caseId, summary: summaryFor(state, actor) };
  }

  private async validatedInput(
    actor: Actor,
    caseId: string,
    body: CreateCaseRequest,
  ): Promise<ApplicationInput> {
    const b = (isRecord(body) ? body : {}) as Partial<CreateCaseRequest>;
    let policy;
    try {
      // The published version in force on the application date (policy_versions): the submission is checked
      // under it here and decided under it by the workflow, which gets it with the input.
      policy = casePolicyOf(await this.policies.forDate(String(b.applicationDate ?? '')));
    } catch (err) {
      throw noPolicyInForce(err);
    }
    const input: ApplicationInput = {
      caseId,
      category: b.category as Category,
      town: String(b.town ?? ''),
      applicationDate: String(b.applicationDate),
      applicant: b.applicant as ApplicationInput['applicant'],
      submittedBy: toDomainActor(actor),
      policy,
    };
    // The decider's own check of a submission, so the API cannot accept what the workflow would refuse.
    const decision = decide(
      initialState,
      submission(input, policy, new Date().toISOString(), {
        systemDecides: true,
        byTheLetter: true,
      }),
    );
    if (!decision.ok) throw rejectionToApiError(decision.rejection);
    return input;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
