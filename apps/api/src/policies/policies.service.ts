import { HttpStatus, Injectable } from '@nestjs/common';
import {
  PolicyStore,
  PolicyStoreError,
  type PolicyActor,
  type PolicyStoreErrorCode,
  type PolicyVersionRecord,
} from '../../../../libs/persistence/src';
import {
  RulesError,
  calculate,
  loadPolicyDocument,
  type CalculationResult,
  type LoadedPolicy,
  type OpenCasesRule,
} from '../../../../libs/rules/src';
import { ApiError } from '../errors/api-error';
import { PREVIEW_SAMPLES } from './preview-samples';

const STATUS: Record<PolicyStoreErrorCode, HttpStatus> = {
  POLICY_DOCUMENT_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  POLICY_NOT_FOUND: HttpStatus.NOT_FOUND,
  POLICY_PUBLISHED_IMMUTABLE: HttpStatus.CONFLICT,
  POLICY_ALREADY_PUBLISHED: HttpStatus.CONFLICT,
  POLICY_RANGE_OVERLAP: HttpStatus.CONFLICT,
  POLICY_FOUR_EYES: HttpStatus.FORBIDDEN,
};

/** Store refusals become the API's one error shape here; an invalid document lists every issue in details. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PolicyStoreError) {
      throw new ApiError(
        STATUS[err.code],
        err.code,
        err.messageZh,
        err.messageEn,
        err.field,
        err.issues.length ? err.issues : undefined,
      );
    }
    throw err;
  }
}

export interface ContinueRequest {
  /** The published version whose parameters continue (继续执行). */
  from: string;
  id: string;
  effectiveFrom: string;
  effectiveTo: string;
  documentReference: string;
  /** What the continuation means for open cases (default KEEP_THEIR_VERSION; the document validator checks it). */
  openCases?: OpenCasesRule;
}

export interface PreviewLine {
  label: string;
  category: string;
  baseline: { total: string; approvalAuthority: string } | { error: string };
  draft: { total: string; approvalAuthority: string } | { error: string };
  difference: string | null;
}

@Injectable()
export class PoliciesService {
  constructor(private readonly store: PolicyStore) {}

  list() {
    return this.store.list();
  }

  get(id: string) {
    return mapped(async () => {
      const record = await this.store.get(id);
      if (!record) throw notFound(id);
      return record;
    });
  }

  putDraft(id: string, body: unknown, actor: PolicyActor) {
    return mapped(() => this.store.putDraft(id, body, actor));
  }

  approve(id: string, actor: PolicyActor) {
    return mapped(() => this.store.approve(id, actor));
  }

  continueVersion(body: unknown, actor: PolicyActor) {
    const b = (body && typeof body === 'object' ? body : {}) as Partial<ContinueRequest>;
    for (const field of ['from', 'id', 'effectiveFrom', 'effectiveTo', 'documentReference'] as const) {
      if (typeof b[field] !== 'string' || !b[field]!.trim())
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'INVALID_DATA',
          `缺少 ${field}（继续执行需要：原版本、新版本号、起止日期和文件依据）。`,
          `${field} is missing (a continuation needs the base version, a new id, its range and the document).`,
          field,
        );
    }
    return mapped(() =>
      this.store.putContinuation(
        b.from!,
        {
          id: b.id!,
          from: b.effectiveFrom!,
          to: b.effectiveTo!,
          reference: b.documentReference!,
          ...(b.openCases !== undefined ? { openCases: b.openCases } : {}),
        },
        actor,
      ),
    );
  }

  /**
   * The amounts of sample inputs under a baseline (the published version in force the day before the draft
   * starts, else the latest published one) and under the draft — what the change does to money.
   */
  preview(id: string, body: unknown) {
    return mapped(async () => {
      const record = await this.store.get(id);
      if (!record) throw notFound(id);
      const draft = loadPolicyDocument(record.document);
      const baseline = await this.baselineFor(record);
      const inputs = samplesFrom(body);
      const lines: PreviewLine[] = inputs.map(({ label, input }) => {
        const a = baseline ? run(input, baseline) : { error: 'no published version to compare with' };
        const b = run(input, draft);
        const difference = 'total' in a && 'total' in b ? subtract(b.total, a.total) : null;
        return {
          label,
          category: String((input as { category?: unknown }).category),
          baseline: a,
          draft: b,
          difference,
        };
      });
      return {
        draft: { id: record.id, hash: record.hash, status: record.status },
        baseline: baseline ? { id: baseline.document.id, hash: baseline.hash } : null,
        lines,
      };
    });
  }

  private async baselineFor(record: PolicyVersionRecord): Promise<LoadedPolicy | undefined> {
    const dayBefore = new Date(`${record.effectiveFrom}T00:00:00Z`);
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
    try {
      return await this.store.forDate(dayBefore.toISOString().slice(0, 10));
    } catch {
      const published = (await this.store.list()).filter(
        (p) => p.status === 'PUBLISHED' && p.id !== record.id,
      );
      const latest = published[published.length - 1];
      return latest ? this.store.byId(latest.id) : undefined;
    }
  }
}

function samplesFrom(body: unknown): { label: string; input: unknown }[] {
  const inputs = (body as { inputs?: unknown } | undefined)?.inputs;
  if (inputs === undefined) return PREVIEW_SAMPLES;
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 100)
    throw new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'INVALID_DATA',
      'inputs 须为 1 到 100 个计算输入（与 POST /rules/preview 相同），或省略以使用内置样例。',
      'inputs must be 1 to 100 calculation inputs (as for POST /rules/preview), or absent for the built-in samples.',
      'inputs',
    );
  return inputs.map((input, i) => ({ label: `inputs[${i}]`, input }));
}

function run(
  input: unknown,
  policy: LoadedPolicy,
): { total: string; approvalAuthority: string } | { error: string } {
  let result: CalculationResult;
  try {
    result = calculate(input, policy.version);
  } catch (err) {
    if (err instanceof RulesError) return { error: `${err.field}: ${err.messageEn}` };
    throw err;
  }
  return { total: result.total, approvalAuthority: result.approval.authority };
}

/** b − a on two-decimal strings, exactly (in fen). */
function subtract(b: string, a: string): string {
  const fen = (s: string) => BigInt(s.replace('.', ''));
  const d = fen(b) - fen(a);
  const sign = d < 0n ? '-' : '';
  const abs = (d < 0n ? -d : d).toString().padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

function notFound(id: string) {
  return new ApiError(
    HttpStatus.NOT_FOUND,
    'POLICY_NOT_FOUND',
    `没有政策版本 ${id}。`,
    `There is no policy version ${id}.`,
    'id',
  );
}
