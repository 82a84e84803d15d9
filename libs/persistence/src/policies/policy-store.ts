/**
 * Policy versions in PostgreSQL (`policy_versions`): administrators upload drafts, a second administrator
 * publishes one, and the process reads the published version in force on an application date.
 *
 * The database enforces what must never happen even through another path: a published row is never changed
 * or removed (trigger), two published ranges never share a day (exclusion constraint), the uploader never
 * approves (check). This store checks the same first, so people get a clear message rather than a SQL error.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  NoPolicyInForceError,
  RulesValidationError,
  continuationOf,
  loadPolicyDocument,
  policyHash,
  validatePolicyDocument,
  versionForDecision,
  type DecisionVersion,
  type IsoDate,
  type LoadedPolicy,
  type PolicyDocument,
  type PolicyIssue,
} from '../../../rules/src';
import { instant, type Row } from '../sql-row';

export interface PolicyActor {
  readonly id: string;
  readonly name?: string;
}

export type PolicyStatus = 'DRAFT' | 'PUBLISHED';

/** One version as listed (without its document). */
export interface PolicyVersionSummary {
  readonly id: string;
  readonly status: PolicyStatus;
  readonly hash: string;
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo: IsoDate;
  readonly documentReference: string;
  readonly continues: string | null;
  readonly uploadedBy: { readonly id: string; readonly name: string | null; readonly at: string };
  readonly approvedBy: { readonly id: string; readonly name: string | null; readonly at: string } | null;
}

export interface PolicyVersionRecord extends PolicyVersionSummary {
  readonly document: PolicyDocument;
}

export type PolicyStoreErrorCode =
  | 'POLICY_DOCUMENT_INVALID'
  | 'POLICY_NOT_FOUND'
  | 'POLICY_PUBLISHED_IMMUTABLE'
  | 'POLICY_ALREADY_PUBLISHED'
  | 'POLICY_RANGE_OVERLAP'
  | 'POLICY_FOUR_EYES';

/** A refused policy change: nothing was written. `issues` lists every problem of an invalid document. */
export class PolicyStoreError extends Error {
  constructor(
    readonly code: PolicyStoreErrorCode,
    readonly field: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly issues: readonly PolicyIssue[] = [],
  ) {
    super(messageEn);
    this.name = 'PolicyStoreError';
  }
}

/** What the worker and the API need to pick a version: by application date, or by id to reproduce a decision. */
export interface PolicySource {
  forDate(date: IsoDate): Promise<LoadedPolicy>;
  /** The version a case's decision uses on `decidedOn` (its own, or a later one open cases adopt). */
  forDecision(applicationDate: IsoDate, decidedOn: IsoDate): Promise<DecisionVersion<LoadedPolicy>>;
  byId(id: string): Promise<LoadedPolicy | undefined>;
}

const SUMMARY_COLUMNS = `id, status, hash, effective_from::text AS effective_from, effective_to::text AS effective_to,
  document_reference, continues_id, uploaded_by, uploaded_by_name, uploaded_at, approved_by, approved_by_name,
  approved_at`;

function summary(r: Row): PolicyVersionSummary {
  return {
    id: String(r.id),
    status: r.status as PolicyStatus,
    hash: String(r.hash),
    effectiveFrom: String(r.effective_from),
    effectiveTo: String(r.effective_to),
    documentReference: String(r.document_reference),
    continues: r.continues_id == null ? null : String(r.continues_id),
    uploadedBy: {
      id: String(r.uploaded_by),
      name: r.uploaded_by_name == null ? null : String(r.uploaded_by_name),
      at: instant(r.uploaded_at)!,
    },
    approvedBy:
      r.approved_by == null
        ? null
        : {
            id: String(r.approved_by),
            name: r.approved_by_name == null ? null : String(r.approved_by_name),
            at: instant(r.approved_at)!,
          },
  };
}

export class PolicyStore implements PolicySource {
  /** Published versions are immutable, so once read they are cached for the life of the process. */
  private published: LoadedPolicy[] | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<PolicyVersionSummary[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM policy_versions ORDER BY effective_from, id`,
    );
    return rows.map(summary);
  }

  async get(id: string): Promise<PolicyVersionRecord | undefined> {
    return this.read(this.dataSource.manager, id);
  }

  /**
   * Uploads (or replaces) the draft `id`. An invalid document is refused with every problem; a published id is
   * never overwritten; a range that overlaps a published version is refused at once (it could never be
   * published).
   */
  async putDraft(id: string, raw: unknown, actor: PolicyActor): Promise<PolicyVersionRecord> {
    const issues = validatePolicyDocument(raw);
    if (issues.length === 0 && (raw as PolicyDocument).id !== id) {
      issues.push({
        path: 'id',
        code: 'ID_MISMATCH',
        messageZh: `文档中的 id（${(raw as PolicyDocument).id}）与地址中的版本号（${id}）不一致。`,
        messageEn: `the document's id (${(raw as PolicyDocument).id}) differs from the version id in the URL (${id}).`,
      });
    }
    if (issues.length) {
      throw new PolicyStoreError(
        'POLICY_DOCUMENT_INVALID',
        issues[0]!.path,
        `政策文档有${issues.length}处问题，未保存：${issues.map((i) => `${i.path} ${i.messageZh}`).join('；')}`,
        `The policy document has ${issues.length} problem(s); nothing was stored: ` +
          issues.map((i) => `${i.path} ${i.messageEn}`).join('; '),
        issues,
      );
    }
    const loaded = loadPolicyDocument(raw);
    return this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE policy_versions IN SHARE ROW EXCLUSIVE MODE');
      const existing = await this.read(m, id);
      if (existing?.status === 'PUBLISHED') {
        throw new PolicyStoreError(
          'POLICY_PUBLISHED_IMMUTABLE',
          'id',
          `版本 ${id} 已发布，不能修改；更正请以新的版本号上传。`,
          `Version ${id} is published and is never changed; upload a correction under a new id.`,
        );
      }
      await this.assertNoOverlap(m, id, loaded.version.effectiveFrom, loaded.version.effectiveTo);
      const values = [
        id,
        loaded.hash,
        JSON.stringify(loaded.document),
        loaded.version.effectiveFrom,
        loaded.version.effectiveTo,
        loaded.document.document.reference,
        loaded.document.continues?.id ?? null,
        actor.id,
        actor.name ?? null,
      ];
      await m.query(
        `INSERT INTO policy_versions (id, status, hash, document, effective_from, effective_to, document_reference,
           continues_id, uploaded_by, uploaded_by_name)
         VALUES ($1, 'DRAFT', $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET hash = $2, document = $3, effective_from = $4, effective_to = $5,
           document_reference = $6, continues_id = $7, uploaded_by = $8, uploaded_by_name = $9,
           uploaded_at = now()`,
        values,
      );
      return (await this.read(m, id))!;
    });
  }

  /**
   * 继续执行: a draft with the parameters of `baseId` (published), a new range and the document that says so.
   * It is published like any other draft, by a second administrator.
   */
  async putContinuation(
    baseId: string,
    options: Parameters<typeof continuationOf>[1],
    actor: PolicyActor,
  ): Promise<PolicyVersionRecord> {
    const base = await this.byId(baseId);
    if (!base) throw notFound(baseId, '已发布的', 'published ');
    return this.putDraft(options.id, continuationOf(base, options), actor);
  }

  /** Publishes a draft. Four eyes: the administrator who uploaded it cannot approve it. */
  async approve(id: string, actor: PolicyActor): Promise<PolicyVersionRecord> {
    const record = await this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE policy_versions IN SHARE ROW EXCLUSIVE MODE');
      const draft = await this.read(m, id);
      if (!draft) throw notFound(id);
      if (draft.status === 'PUBLISHED') {
        throw new PolicyStoreError(
          'POLICY_ALREADY_PUBLISHED',
          'id',
          `版本 ${id} 已于 ${draft.approvedBy!.at} 由 ${draft.approvedBy!.id} 批准发布。`,
          `Version ${id} was already published by ${draft.approvedBy!.id} at ${draft.approvedBy!.at}.`,
        );
      }
      if (draft.uploadedBy.id === actor.id) {
        throw new PolicyStoreError(
          'POLICY_FOUR_EYES',
          'approvedBy',
          `双人复核：版本 ${id} 由您（${actor.id}）上传，须由另一名管理员批准发布。`,
          `Four eyes: you (${actor.id}) uploaded version ${id}; another administrator must approve it.`,
        );
      }
      await this.assertNoOverlap(m, id, draft.effectiveFrom, draft.effectiveTo);
      // The stored document must still be the one validated at upload (its hash is its identity).
      if (policyHash(draft.document) !== draft.hash) throw new Error(`policy ${id}: stored hash mismatch`);
      await m.query(
        `UPDATE policy_versions SET status = 'PUBLISHED', approved_by = $2, approved_by_name = $3,
           approved_at = now() WHERE id = $1 AND status = 'DRAFT'`,
        [id, actor.id, actor.name ?? null],
      );
      return (await this.read(m, id))!;
    });
    this.published = null;
    return record;
  }

  /** The published version in force on `date`; throws NoPolicyInForceError when there is none. */
  async forDate(date: IsoDate): Promise<LoadedPolicy> {
    assertDate(date);
    const hit = (await this.publishedVersions(false)).find(
      (p) => p.version.effectiveFrom <= date && date <= p.version.effectiveTo,
    );
    if (hit) return hit;
    // Another process may have published since we read: look again once before refusing.
    const fresh = (await this.publishedVersions(true)).find(
      (p) => p.version.effectiveFrom <= date && date <= p.version.effectiveTo,
    );
    if (!fresh) throw new NoPolicyInForceError(date);
    return fresh;
  }

  /**
   * The version a decision of a case is made under on `decidedOn` (`versionForDecision`: the case's own, or
   * the latest later version in force that says open cases adopt it). Published rows are only ever added, so
   * a different count means another process published one: the cache is read again, and a version published
   * a moment ago by the API is seen by the worker's next decision.
   */
  async forDecision(applicationDate: IsoDate, decidedOn: IsoDate): Promise<DecisionVersion<LoadedPolicy>> {
    assertDate(applicationDate);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM policy_versions WHERE status = 'PUBLISHED'`,
    )) as Array<{ count: number }>;
    const versions = await this.publishedVersions(this.published?.length !== row?.count);
    return versionForDecision(versions, applicationDate, decidedOn);
  }

  /** A published version by id (drafts are never used for a decision). */
  async byId(id: string): Promise<LoadedPolicy | undefined> {
    return (
      (await this.publishedVersions(false)).find((p) => p.document.id === id) ??
      (await this.publishedVersions(true)).find((p) => p.document.id === id)
    );
  }

  private async publishedVersions(reload: boolean): Promise<LoadedPolicy[]> {
    if (!this.published || reload) {
      const rows: Row[] = await this.dataSource.query(
        `SELECT hash, document FROM policy_versions WHERE status = 'PUBLISHED' ORDER BY effective_from`,
      );
      this.published = rows.map((r) => {
        const loaded = loadPolicyDocument(r.document);
        if (loaded.hash !== r.hash) throw new Error(`policy ${loaded.document.id}: stored hash mismatch`);
        return loaded;
      });
    }
    return this.published;
  }

  private async read(m: EntityManager, id: string): Promise<PolicyVersionRecord | undefined> {
    const rows: Row[] = await m.query(
      `SELECT ${SUMMARY_COLUMNS}, document FROM policy_versions WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    return r ? { ...summary(r), document: r.document as PolicyDocument } : undefined;
  }

  private async assertNoOverlap(m: EntityManager, id: string, from: IsoDate, to: IsoDate) {
    const rows: Row[] = await m.query(
      `SELECT id, effective_from::text AS effective_from, effective_to::text AS effective_to FROM policy_versions
       WHERE status = 'PUBLISHED' AND id <> $1 AND daterange(effective_from, effective_to, '[]') && daterange($2, $3, '[]')`,
      [id, from, to],
    );
    const other = rows[0];
    if (other) {
      throw new PolicyStoreError(
        'POLICY_RANGE_OVERLAP',
        'effective',
        `有效期 ${from}…${to} 与已发布的版本 ${String(other.id)}（${String(other.effective_from)}…${String(other.effective_to)}）重叠；同一天只能有一个版本有效。`,
        `The range ${from}…${to} overlaps published version ${String(other.id)} (${String(other.effective_from)}…${String(other.effective_to)}); one day has one version.`,
      );
    }
  }
}

function assertDate(date: IsoDate): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new RulesValidationError(
      'DATE_FORMAT',
      'applicationDate',
      'policy selection',
      `申请日期须为 YYYY-MM-DD 格式，收到“${date}”。`,
      `the application date must be written YYYY-MM-DD, got "${date}".`,
    );
}

function notFound(id: string, zh = '', en = ''): PolicyStoreError {
  return new PolicyStoreError(
    'POLICY_NOT_FOUND',
    'id',
    `没有${zh}政策版本 ${id}。`,
    `There is no ${en}policy version ${id}.`,
  );
}
