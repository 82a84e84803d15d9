import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  allowedActions,
  caseSummary,
  type Actor as DomainActor,
  type CaseState,
  type CaseStatus,
  type CaseSummary,
} from '../../../../libs/domain/src';
import { findCase, findCaseHead, type CaseRecord } from '../../../../libs/persistence/src';
import type { Actor } from '../auth/jwt';
import { caseNotFound, workerUnavailable, wrongTown } from './case-errors';

/**
 * The one read path for a case: its read model (`cases`), written in the same transaction as the events of
 * every action, so a read after an acknowledged action sees it. No read asks the workflow.
 */
@Injectable()
export class CaseRecords {
  constructor(private readonly dataSource: DataSource) {}

  /** The case's record, if the caller may see it. */
  read(actor: Actor, caseId: string): Promise<CaseRecord> {
    return readCaseRecord(this.dataSource.manager, actor, caseId);
  }

  /** Where the case belongs and whether it has ended, if the caller may see it (no state read). */
  async head(actor: Actor, caseId: string): Promise<{ town: string; status: CaseStatus }> {
    return visibleTo(actor, caseId, await findCaseHead(this.dataSource.manager, caseId));
  }

  /** Waits until a just-started case's submission is recorded (the worker projects it with its events). */
  async waitFor(caseId: string): Promise<CaseState> {
    const deadline = Date.now() + 30_000;
    // The worker records a submission within milliseconds when idle: look again soon, then less often.
    let pause = 2;
    for (;;) {
      const record = await findCase(this.dataSource.manager, caseId);
      if (record && record.state.status !== 'NEW') return record.state;
      if (Date.now() > deadline) throw workerUnavailable();
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 50);
    }
  }
}

/** A case's read-model record, if the caller may see it (404 unknown, 403 another town's): every case endpoint. */
export async function readCaseRecord(
  manager: EntityManager,
  actor: Actor,
  caseId: string,
): Promise<CaseRecord> {
  return visibleTo(actor, caseId, await findCase(manager, caseId));
}

/** What was found of a case, if the caller may see it: 404 unknown, 403 another town's. */
function visibleTo<T extends { town: string }>(actor: Actor, caseId: string, found: T | null): T {
  if (!found) throw caseNotFound(caseId);
  const refused = wrongTown(actor, found.town);
  if (refused) throw refused;
  return found;
}

/** The decider's own summary of the case, with what this caller may do now. */
export function summaryFor(state: CaseState, actor: Actor) {
  return { ...caseSummary(state), allowedActions: allowedActions(state, toDomainActor(actor)) };
}

/** The workflow's summary as one caller sees it: what their role may do now. */
export function summaryForRole(summary: CaseSummary, actor: Actor) {
  return { ...summary, allowedActions: summary.allowedActionsByRole[actor.role] ?? [] };
}

export function toDomainActor(actor: Actor): DomainActor {
  if (actor.department) return { id: actor.id, role: actor.role, department: actor.department };
  return actor.town
    ? { id: actor.id, role: actor.role, town: actor.town }
    : { id: actor.id, role: actor.role };
}
