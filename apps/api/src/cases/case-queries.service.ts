import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CATEGORIES, STEPS, type CaseStatus } from '../../../../libs/domain/src';
import {
  EventStore,
  eligibilityAssessmentsOfCase,
  listCases,
  noticesOfCase,
} from '../../../../libs/persistence/src';
import type { Actor } from '../auth/jwt';
import { noticeDocument } from '../notices/notice-documents';
import { invalidFilter, invalidLimit } from './case-errors';
import { CaseRecords, summaryFor } from './case-records';

/**
 * What a case looks like, from the read models and the event store (never from the workflow): written in the
 * same transaction as each action's events, so every acknowledged action is visible here.
 */
@Injectable()
export class CaseQueriesService {
  private readonly eventStore: EventStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly records: CaseRecords,
  ) {
    this.eventStore = new EventStore(dataSource);
  }

  /** Cases from the read model, newest first, cursor-paginated; caseworkers see their own town only. */
  async list(actor: Actor, query: Record<string, string | undefined>) {
    const check = <T extends string>(field: string, allowed: readonly T[]): T | undefined => {
      const value = query[field];
      if (value === undefined || value === '') return undefined;
      if (!allowed.includes(value as T)) throw invalidFilter(field, allowed);
      return value as T;
    };
    const limit = query.limit === undefined ? undefined : Number(query.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500)) throw invalidLimit();
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

  async get(actor: Actor, caseId: string) {
    return summaryFor((await this.records.read(actor, caseId)).state, actor);
  }

  async events(actor: Actor, caseId: string) {
    await this.records.read(actor, caseId);
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

  /** Written and public notices, from the read model (public ones carry only name, household size, amount). */
  async notices(actor: Actor, caseId: string) {
    await this.records.read(actor, caseId);
    const notices = await noticesOfCase(this.dataSource.manager, caseId);
    return notices.map((notice) => noticeDocument(caseId, notice));
  }

  /** The assessment in force (named by the case's events) with every earlier one, and the overrides. */
  async eligibility(actor: Actor, caseId: string) {
    const { state } = await this.records.read(actor, caseId);
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
    const { state } = await this.records.read(actor, caseId);
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
