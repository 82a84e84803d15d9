import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import {
  CATEGORIES,
  STEPS,
  allowedActions,
  caseSummary,
  decide,
  initialState,
  isTerminal,
  type Actor as DomainActor,
  type CaseEvent,
  type CaseStatus,
  type CaseState,
  type CaseSummary,
  type Category,
  type CommandType,
  type Rejection,
} from '../../../../libs/domain/src';
import {
  EventStore,
  PolicyStore,
  eligibilityAssessmentsOfCase,
  findCase,
  listCases,
  type CaseRecord,
} from '../../../../libs/persistence/src';
import { NoPolicyInForceError, RulesError } from '../../../../libs/rules/src';
import {
  APPLICATION_WORKFLOW,
  actUpdate,
  applicationWorkflowId,
  stateQuery,
  type ActionRequest,
  type ApplicationInput,
} from '../../../../workflows/src/definitions';
import { CaseCategory, CaseTown } from '../../../../workflows/src/search-attributes';
import type { Actor } from '../auth/jwt';
import { ApiError } from '../errors/api-error';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { noticesFromEvents } from '../notices/notice-documents';
import { rejectionToApiError } from './rejection-status';

export interface CreateCaseRequest {
  category: Category;
  town: string;
  applicationDate: string;
  applicant: { name: string; householdSize: number; personRef: string };
}

/** Translates HTTP to workflow starts, Updates and queries; the decider in the workflow decides. */
@Injectable()
export class CasesService {
  private readonly eventStore: EventStore;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly policies: PolicyStore,
  ) {
    this.eventStore = new EventStore(dataSource);
  }

  /** Starts the application workflow; the same Idempotency-Key and body return the same case. */
  async create(
    actor: Actor,
    idempotencyKey: string | undefined,
    body: CreateCaseRequest,
  ): Promise<{ created: boolean; caseId: string; summary: ReturnType<typeof summaryFor> }> {
    if (!idempotencyKey || !/^[\w.:-]{8,128}$/.test(idempotencyKey)) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDEMPOTENCY_KEY_REQUIRED',
        '请在 Idempotency-Key 请求头中提供 8–128 位的唯一键（如 UUID），以免重复提交产生两个案件。',
        'Send a unique Idempotency-Key header (8-128 characters, e.g. a UUID) so that a repeated submission never creates a second case.',
        'Idempotency-Key',
      );
    }
    const requestHash = createHash('sha256')
      .update(JSON.stringify(body ?? null))
      .digest('hex');
    // The case id follows from who asked and their key, so a retry after any failure reaches the same workflow.
    const caseId = `JZ-${createHash('sha256').update(`${actor.id}\n${idempotencyKey}`).digest('hex').slice(0, 12).toUpperCase()}`;
    const input = await this.validatedInput(actor, caseId, body);
    // Claim the key first, then compare: of two racing requests with one key, only the same body gets the case.
    await this.dataSource.query(
      `INSERT INTO idempotency_keys (actor_id, key, request_hash, case_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (actor_id, key) DO NOTHING`,
      [actor.id, idempotencyKey, requestHash, caseId],
    );
    const [stored] = (await this.dataSource.query(
      'SELECT request_hash FROM idempotency_keys WHERE actor_id = $1 AND key = $2',
      [actor.id, idempotencyKey],
    )) as Array<{ request_hash: string }>;
    if (stored!.request_hash !== requestHash) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'IDEMPOTENCY_KEY_REUSED',
        '该 Idempotency-Key 已用于另一份不同的申请，请为新申请使用新的键。',
        'This Idempotency-Key was already used for a different application; use a new key for a new application.',
        'Idempotency-Key',
      );
    }
    let created = true;
    try {
      await this.temporal.workflow.start(APPLICATION_WORKFLOW, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: applicationWorkflowId(caseId),
        args: [input],
        typedSearchAttributes: [
          { key: CaseTown, value: input.town },
          { key: CaseCategory, value: input.category },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      created = false;
    }
    const state = await this.waitForCase(caseId);
    return { created, caseId, summary: summaryFor(state, actor) };
  }

  /** Cases from the read model, newest first, cursor-paginated; caseworkers see their own town only. */
  async list(actor: Actor, query: Record<string, string | undefined>) {
    const check = <T extends string>(field: string, allowed: readonly T[]): T | undefined => {
      const value = query[field];
      if (value === undefined || value === '') return undefined;
      if (!allowed.includes(value as T)) {
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'INVALID_FILTER',
          `筛选条件 ${field} 的取值无效，可选：${allowed.join('、')}。`,
          `Filter ${field} must be one of: ${allowed.join(', ')}.`,
          field,
        );
      }
      return value as T;
    };
    const limit = query.limit === undefined ? undefined : Number(query.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500)) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'INVALID_FILTER',
        'limit 须为 1–500 的整数。',
        'limit must be an integer from 1 to 500.',
        'limit',
      );
    }
    const page = await listCases(this.dataSource.manager, {
      towns: actor.role === 'CASEWORKER' ? [actor.town!] : query.town ? [query.town] : undefined,
      status: check('status', CASE_STATUSES),
      step: check('step', STEPS),
      category: check('category', CATEGORIES),
      assigneeId: query.assignee || undefined,
      limit,
      cursor: query.cursor || null,
    });
    // Money leaves the API as exact decimal strings with two places, like everywhere else.
    return {
      ...page,
      items: page.items.map((c) => ({
        ...c,
        proposedAmount: c.proposedAmount?.toFixed(2) ?? null,
        approvedAmount: c.approvedAmount?.toFixed(2) ?? null,
        paidAmount: c.paidAmount?.toFixed(2) ?? null,
      })),
    };
  }

  /** From the read model, written in the same transaction as the action's events: reads see every acknowledged action. */
  async get(actor: Actor, caseId: string) {
    return summaryFor((await this.readRecord(actor, caseId)).state, actor);
  }

  /**
   * One caseworker action as one workflow Update: the workflow's validator decides it (refused → 409/422/403,
   * nothing changes) and the Update answers with the case summary, sent back as is. Only the read model is
   * consulted first, for the caller's town and (Art. 35) a case that has already ended.
   */
  async act(actor: Actor, caseId: string, type: CommandType, data: unknown) {
    const record = await this.readRecord(actor, caseId);
    const request = this.actionRequest(actor, type, data);
    // Art. 35: fraud may come to light after the case has ended; its workflow is started again from the event store.
    if (type === 'ReportFraud' && isTerminal(record.state.status)) await this.reopen(record.state);
    let summary: CaseSummary;
    try {
      summary = await this.handle(caseId).executeUpdate(actUpdate, { args: [request] });
    } catch (err) {
      throw toApiError(err);
    }
    return { ...summary, allowedActions: summary.allowedActionsByRole[actor.role] ?? [] };
  }

  async events(actor: Actor, caseId: string) {
    await this.readState(actor, caseId);
    return (await this.eventStore.read(caseId)).map((e) => ({
      sequence: e.sequence,
      type: e.type,
      at: e.at,
      actor: e.actor,
      data: e.data,
      recordedAt: e.recordedAt,
      hash: e.hash,
    }));
  }

  /** Written notices and public notices generated from the case's events (public ones carry only name, household size, amount). */
  async notices(actor: Actor, caseId: string) {
    await this.readState(actor, caseId);
    const events = await this.eventStore.read(caseId);
    return noticesFromEvents(
      caseId,
      events.map((e) => ({
        sequence: e.sequence,
        event: { type: e.type, data: e.data, actor: e.actor, at: e.at } as CaseEvent,
      })),
    );
  }

  /** The assessment in force (named by the case's events) with every earlier one, and the overrides. */
  async eligibility(actor: Actor, caseId: string) {
    const state = await this.readState(actor, caseId);
    const assessments = await eligibilityAssessmentsOfCase(this.dataSource.manager, caseId);
    const current = state.eligibility ?? null;
    return {
      caseId,
      inForce: current ? (assessments.find((a) => a.id === current.assessmentId) ?? null) : null,
      conclusion: current?.conclusion ?? null,
      overrides: current?.overrides ?? [],
      assessments,
    };
  }

  async timeline(actor: Actor, caseId: string) {
    const state = await this.readState(actor, caseId);
    const done = state.completedSteps.map((s) => ({
      step: s.step,
      openedAt: s.openedAt,
      completedAt: s.completedAt,
      outcome: s.outcome,
      statutoryDueDate: s.statutoryDueDate,
      extendedDueDate: s.extendedDueDate,
      onTime: s.onTime,
    }));
    const open = state.openSteps.map((s) => ({
      step: s.step,
      openedAt: s.openedAt,
      completedAt: null,
      outcome: null,
      statutoryDueDate: s.statutoryDue?.dueDate ?? null,
      extendedDueDate: s.extendedDue?.dueDate ?? null,
      onTime: null,
      assignee: s.assignee.id,
    }));
    return { caseId, steps: [...done, ...open], eligibility: state.eligibility ?? null };
  }

  unknownAction(action: string): never {
    throw new ApiError(
      HttpStatus.NOT_FOUND,
      'UNKNOWN_ACTION',
      `没有名为“${action}”的办理操作。`,
      `There is no action "${action}"; see /docs for the list.`,
      'action',
    );
  }

  /** The person's request as sent: the workflow's validator decides it, the system fills in what it decides. */
  private actionRequest(actor: Actor, type: CommandType, data: unknown): ActionRequest {
    return { type, actor: toDomainActor(actor), data: data ?? {} } as ActionRequest;
  }

  private async validatedInput(
    actor: Actor,
    caseId: string,
    body: CreateCaseRequest,
  ): Promise<ApplicationInput> {
    const b = (isRecord(body) ? body : {}) as Partial<CreateCaseRequest>;
    let periods;
    try {
      // The published version in force on the application date (policy_versions), as the worker will use.
      periods = (await this.policies.forDate(String(b.applicationDate ?? ''))).version.periods;
    } catch (err) {
      const message = err instanceof NoPolicyInForceError || err instanceof RulesError ? err : null;
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'NO_POLICY_IN_FORCE',
        message?.messageZh ?? '申请日期无效或不在任何政策有效期内。',
        message?.messageEn ?? 'The application date is invalid or outside every policy version.',
        'applicationDate',
      );
    }
    const input: ApplicationInput = {
      caseId,
      category: b.category as Category,
      town: String(b.town ?? ''),
      applicationDate: String(b.applicationDate),
      applicant: b.applicant as ApplicationInput['applicant'],
      submittedBy: toDomainActor(actor),
    };
    // The decider's own check of a submission, so the API cannot accept what the workflow would refuse.
    const decision = decide(initialState, {
      type: 'SubmitApplication',
      actor: input.submittedBy,
      at: new Date().toISOString(),
      data: {
        ...input,
        policyVersion: 'preview',
        periods: { ...periods, reInvestigation: periods.reinvestigation } as never,
      },
    });
    if (!decision.ok) throw rejectionToApiError(decision.rejection);
    return input;
  }

  /** The case's read-model record, if the caller may see it: staff see only their own town (保密审查). */
  private async readRecord(actor: Actor, caseId: string): Promise<CaseRecord> {
    const record = await findCase(this.dataSource.manager, caseId);
    if (!record) throw notFound(caseId);
    this.checkTown(actor, record.town);
    return record;
  }

  private checkTown(actor: Actor, town: string): void {
    if (actor.role === 'CASEWORKER' && town !== actor.town) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'WRONG_TOWN',
        `该案件属于${town}，您只能查看和办理本镇街（${actor.town}）的案件。`,
        `This case belongs to ${town}; you may only see and act on cases of your own town (${actor.town}).`,
      );
    }
  }

  /** The case's state, if the caller may see it: staff see only their own town (保密审查). */
  private async readState(actor: Actor, caseId: string): Promise<CaseState> {
    let state: CaseState;
    try {
      state = await this.handle(caseId).query(stateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw notFound(caseId);
      throw err;
    }
    this.checkTown(actor, state.town);
    return state;
  }

  private async reopen(state: CaseState): Promise<void> {
    const handle = this.handle(state.caseId);
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') {
      // Either the run is ending right now, or it is a reopened run still waiting for its report (it takes
      // the Update itself): never wait for the latter, which only ends after a day.
      const ended = await Promise.race([
        handle.result().then(
          () => true,
          () => true,
        ),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000)),
      ]);
      if (!ended) return;
    }
    const input: ApplicationInput = {
      caseId: state.caseId,
      category: state.category!,
      town: state.town,
      applicationDate: state.applicationDate!,
      applicant: state.applicant!,
      submittedBy: { id: 'system', role: 'SYSTEM' },
      reopen: true,
    };
    try {
      await this.temporal.workflow.start(APPLICATION_WORKFLOW, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: applicationWorkflowId(state.caseId),
        args: [input],
        typedSearchAttributes: [
          { key: CaseTown, value: state.town },
          { key: CaseCategory, value: state.category! },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // reopened by someone else just now
    }
    await this.waitForCase(state.caseId);
  }

  private async waitForCase(caseId: string): Promise<CaseState> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const state = await this.handle(caseId)
        .query(stateQuery)
        .catch(() => null);
      if (state && state.status !== 'NEW') return state;
      if (Date.now() > deadline)
        throw new ApiError(
          HttpStatus.SERVICE_UNAVAILABLE,
          'WORKER_UNAVAILABLE',
          '案件已提交但尚未被处理，请稍后查询。',
          'The case was submitted but no worker has processed it yet; check again shortly.',
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private handle(caseId: string) {
    return this.temporal.workflow.getHandle(applicationWorkflowId(caseId));
  }
}

/** The decider's own summary of the case, with what this caller may do now. */
function summaryFor(state: CaseState, actor: Actor) {
  return { ...caseSummary(state), allowedActions: allowedActions(state, toDomainActor(actor)) };
}

function toDomainActor(actor: Actor): DomainActor {
  return actor.town
    ? { id: actor.id, role: actor.role, town: actor.town }
    : { id: actor.id, role: actor.role };
}

function toApiError(err: unknown): unknown {
  // A rules error raised by an activity (the calculation, the eligibility assessment) arrives wrapped.
  let cause: unknown = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
  while (cause instanceof ActivityFailure) cause = cause.cause;
  if (cause instanceof ApplicationFailure) {
    const message = cause.message;
    // The decider's refusal travels as the failure's structured details.
    if (cause.type === 'CaseActionRejected' && cause.details?.[0])
      return rejectionToApiError(cause.details[0] as Rejection);
    if (cause.type === 'RulesValidationError') {
      const d = (cause.details?.[0] ?? {}) as {
        code?: string;
        messageZh?: string;
        messageEn?: string;
        field?: string;
      };
      return new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        d.code === 'SYSTEM_DECIDED_FIELD' || d.code === 'NO_AID_DUE' ? d.code : 'RULES_VALIDATION',
        d.messageZh ?? message,
        d.messageEn ?? message,
        d.field,
      );
    }
  }
  if (err instanceof WorkflowNotFoundError)
    return new ApiError(
      HttpStatus.CONFLICT,
      'CASE_CLOSED',
      '案件已结束，不能再办理。',
      'The case has ended; no further action is possible.',
    );
  return err;
}

function notFound(caseId: string) {
  return new ApiError(
    HttpStatus.NOT_FOUND,
    'CASE_NOT_FOUND',
    `未找到案件 ${caseId}。`,
    `Case ${caseId} does not exist.`,
    'caseId',
  );
}

const CASE_STATUSES = [
  'OPEN',
  'APPROVED',
  'PAID',
  'RECOVERING',
  'CLOSED',
  'REJECTED',
  'WITHDRAWN',
  'TERMINATED',
  'CANCELLED',
] as const satisfies readonly CaseStatus[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
