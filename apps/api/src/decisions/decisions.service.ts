import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore, PolicyStore } from '../../../../libs/persistence/src';
import {
  PERIOD_KEYS,
  RulesError,
  calculate,
  canonicalJson,
  eligibility,
  type LoadedPolicy,
  type PeriodKey,
} from '../../../../libs/rules/src';
import type { Actor } from '../auth/jwt';
import { readCaseRecord } from '../cases/case-records';

type Row = Record<string, unknown>;

export interface Recomputation {
  /** True when the same inputs under the same version give exactly the stored result. */
  matches: boolean;
  result?: unknown;
  error?: string;
}

export interface Decision {
  kind: 'ELIGIBILITY' | 'CALCULATION' | 'DEADLINE';
  id: string;
  at: string;
  /**
   * The version the decision used. `adopted`: a later version than the case's own (the one in force on its
   * application date), taken because its `openCases` says open cases adopt it for decisions not yet made.
   */
  policy: { id: string; hash: string | null; adopted: boolean };
  inputs: unknown;
  result: unknown;
  recomputation: Recomputation;
}

/**
 * Every decision of a case with the exact policy version it used (id and content hash), its inputs and its
 * result, recomputed now under that same version: published versions never change, so a later version can
 * never alter a decision already made, and `matches` proves it.
 */
@Injectable()
export class DecisionsService {
  private readonly eventStore: EventStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyStore,
  ) {
    this.eventStore = new EventStore(dataSource);
  }

  async decisions(actor: Actor, caseId: string) {
    const record = await readCaseRecord(this.dataSource.manager, actor, caseId);
    const own = record.policyVersion;
    const decisions = [
      ...(await this.eligibilityDecisions(caseId, own)),
      ...(await this.calculations(caseId, own)),
      ...(await this.deadlines(caseId)),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return { caseId, policyVersion: record.policyVersion, decisions };
  }

  private async version(id: string): Promise<LoadedPolicy | undefined> {
    return this.policies.byId(id);
  }

  /** Issue 10's eligibility assessments (facts from the investigation → Arts. 5-7, 11). */
  private eligibilityDecisions(caseId: string, own: string | null): Promise<Decision[]> {
    return this.storedDecisions(
      'eligibility_assessments',
      'ELIGIBILITY',
      caseId,
      own,
      eligibility,
      withoutEvidence,
    );
  }

  private calculations(caseId: string, own: string | null): Promise<Decision[]> {
    return this.storedDecisions('aid_calculations', 'CALCULATION', caseId, own, calculate);
  }

  /**
   * The decisions a rules function made and stored (its input, result, version id and hash), each recomputed
   * now by the same function under the same version; `comparable` is the part of the stored result it gives.
   */
  private async storedDecisions(
    table: 'eligibility_assessments' | 'aid_calculations',
    kind: 'ELIGIBILITY' | 'CALCULATION',
    caseId: string,
    own: string | null,
    rerun: (input: unknown, version: LoadedPolicy['version']) => unknown,
    comparable: (result: unknown) => unknown = (result) => result,
  ): Promise<Decision[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, policy_id, policy_hash, input, result, created_at FROM ${table}
       WHERE case_id = $1 ORDER BY created_at`,
      [caseId],
    );
    const out: Decision[] = [];
    for (const r of rows) {
      const policy = await this.version(String(r.policy_id));
      out.push({
        kind,
        id: String(r.id),
        at: (r.created_at as Date).toISOString(),
        policy: {
          id: String(r.policy_id),
          hash: (r.policy_hash as string | null) ?? policy?.hash ?? null,
          adopted: own !== null && String(r.policy_id) !== own,
        },
        inputs: r.input,
        result: r.result,
        recomputation: recompute(policy, r.policy_hash as string | null, comparable(r.result), (v) =>
          rerun(r.input, v),
        ),
      });
    }
    return out;
  }

  /** Each deadline set: the period its step took from the case's version, recomputed from that version. */
  private async deadlines(caseId: string): Promise<Decision[]> {
    const events = await this.eventStore.read(caseId);
    const submitted = events.find((e) => e.type === 'ApplicationSubmitted');
    const versionId = (submitted?.data as { policyVersion?: string } | undefined)?.policyVersion;
    if (!versionId) return [];
    const policy = await this.version(versionId);
    const opened = new Map<string, { periodKey: string | null; period: unknown }>();
    const out: Decision[] = [];
    for (const e of events) {
      const data = e.data as Record<string, unknown>;
      if (e.type === 'StepOpened') {
        opened.set(String(data.step), { periodKey: data.periodKey as string | null, period: data.period });
      }
      if (e.type !== 'DeadlineSet') continue;
      const step = opened.get(String(data.step));
      const key = step?.periodKey ? toRulesKey(step.periodKey) : undefined;
      const inputs = { step: data.step, periodKey: step?.periodKey ?? null, stepOpenedAt: e.at };
      const result = {
        period: step?.period ?? null,
        dueDate: data.dueDate,
        dueAt: data.dueAt,
        provisional: data.provisional,
      };
      let recomputation: Recomputation;
      if (!policy) recomputation = { matches: false, error: `policy version ${versionId} is not published` };
      else if (!key) recomputation = { matches: false, error: 'the step names no period of the policy' };
      else {
        const p = policy.version.periods[key];
        const period = { unit: p.unit, count: p.count };
        recomputation = {
          matches: canonicalJson(period) === canonicalJson(step?.period),
          result: { period, basis: p.basis, statutory: p.statutory },
        };
      }
      out.push({
        kind: 'DEADLINE',
        id: `${caseId}#${e.sequence}`,
        at: e.at,
        policy: { id: versionId, hash: policy?.hash ?? null, adopted: false },
        inputs,
        result,
        recomputation,
      });
    }
    return out;
  }
}

function recompute(
  policy: LoadedPolicy | undefined,
  storedHash: string | null,
  stored: unknown,
  run: (version: LoadedPolicy['version']) => unknown,
): Recomputation {
  if (!policy) return { matches: false, error: 'the policy version is not published (or unknown)' };
  if (storedHash && storedHash !== policy.hash)
    return { matches: false, error: `stored hash ${storedHash} differs from the version's ${policy.hash}` };
  try {
    const result = run(policy.version);
    return { matches: canonicalJson(result) === canonicalJson(stored), result };
  } catch (err) {
    if (err instanceof RulesError) return { matches: false, error: `${err.field}: ${err.messageEn}` };
    throw err;
  }
}

function withoutEvidence(result: unknown): unknown {
  if (!result || typeof result !== 'object') return result;
  const { evidence: _e, ...rest } = result as Record<string, unknown>;
  return rest;
}

/** The domain writes `reInvestigation`; the policy document `reinvestigation`. */
function toRulesKey(domainKey: string): PeriodKey | undefined {
  const key = domainKey === 'reInvestigation' ? 'reinvestigation' : domainKey;
  return (PERIOD_KEYS as readonly string[]).includes(key) ? (key as PeriodKey) : undefined;
}
