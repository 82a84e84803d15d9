import { HttpStatus, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isIsoDate, type CommandType } from '../../../../libs/domain/src';
import {
  PolicyStore,
  claimVerificationImport,
  finishVerificationImport,
  overdueVerificationRequests,
  reusableAnswer,
  verificationBoard,
  verificationRequestById,
  verificationRequestsOfCase,
  verificationRequestsOfDepartment,
  type CaseRecord,
  type VerificationRequestRow,
} from '../../../../libs/persistence/src';
import {
  verificationDepartments,
  verificationValueProblems,
  type VerificationDepartment,
} from '../../../../libs/rules/src';
import type { Actor } from '../auth/jwt';
import { ActOnCaseService } from '../cases/act-on-case.service';
import { readCaseRecord } from '../cases/case-records';
import { ApiError } from '../errors/api-error';
import { parseAnswerFile, problem, type AnswerLine, type LineProblem } from './answer-file';

/**
 * Issue 15: verification requests to the departments (家庭经济状况核对). Every change is a case command through
 * the case's workflow Update (ActOnCaseService.act), decided by libs/domain; this service adds what the policy
 * says (the department's fields, legal basis, due working days, reuse window), a recent answer to reuse, and
 * the department liaison's narrow view: only requests addressed to their department, only the fields asked.
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly cases: ActOnCaseService,
    private readonly dataSource: DataSource,
    private readonly policies: PolicyStore,
  ) {}

  // ---- the caseworker's side ------------------------------------------------------------------------

  async request(actor: Actor, caseId: string, body: unknown) {
    const b = asRecord(body);
    const record = await this.caseFor(actor, caseId);
    const departments = await this.departmentsOf(record);
    const department = departments.find((d) => d.code === b.department);
    if (!department) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'UNKNOWN_DEPARTMENT',
        departments.length
          ? `核对部门须为本案政策版本（${record.policyVersion}）所列之一：${departments.map((d) => `${d.code} ${d.name.zh}`).join('、')}。`
          : `本案政策版本（${record.policyVersion}）未列出核对部门，不能发起核对；请先发布含核对部门清单的政策版本。`,
        departments.length
          ? `department must be one listed by the case's policy version (${record.policyVersion}): ${departments.map((d) => d.code).join(', ')}.`
          : `The case's policy version (${record.policyVersion}) lists no verification departments; publish a version with a departments list first.`,
        'department',
      );
    }
    const requestId = `VR-${randomUUID()}`;
    const reuse =
      b.reuse !== false && typeof b.personRef === 'string'
        ? await this.reusable(record.caseId, b.personRef, department)
        : null;
    await this.cases.act(actor, caseId, 'RequestVerification', {
      requestId,
      department: department.code,
      departmentName: department.name.zh,
      memberId: b.memberId,
      personRef: b.personRef,
      fields: [...department.fields.value],
      legalBasis: department.legalBasis.value,
      dueWorkingDays: department.dueWorkingDays.value,
      reuseDays: department.reuseDays.value,
      ...(b.authorisation !== undefined ? { authorisation: b.authorisation } : {}),
      ...(reuse ? { reuse } : {}),
    });
    return this.caseView(await this.row(requestId));
  }

  /** A case's requests with their answers (personal data: the route logs the read). */
  async ofCase(actor: Actor, caseId: string) {
    const record = await this.caseFor(actor, caseId);
    const requests = await verificationRequestsOfCase(this.dataSource.manager, caseId);
    return {
      caseId,
      authorisation: record.state.verification?.authorisation ?? null,
      requests: requests.map((r) => this.caseView(r)),
    };
  }

  /** Mark unobtainable, correct a fact, urge: one case command each, on a request of this case. */
  async act(actor: Actor, caseId: string, requestId: string, type: CommandType, body: unknown) {
    await this.caseFor(actor, caseId);
    await this.cases.act(actor, caseId, type, { ...asRecord(body), requestId });
    const row = await verificationRequestById(this.dataSource.manager, requestId);
    if (!row || row.caseId !== caseId) throw notFound(requestId);
    return this.caseView(row);
  }

  // ---- the department liaison's side ------------------------------------------------------------------

  /** Only this department's requests, and of each only what the department must answer. */
  async forLiaison(actor: Actor, query: Record<string, string | undefined>) {
    const status = query.status ?? 'OPEN';
    if (!['OPEN', 'ANSWERED'].includes(status)) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'INVALID_FILTER',
        'status 须为 OPEN 或 ANSWERED。',
        'status must be OPEN or ANSWERED.',
        'status',
      );
    }
    const rows = await verificationRequestsOfDepartment(this.dataSource.manager, actor.department!, {
      status: status as 'OPEN' | 'ANSWERED',
    });
    return { department: actor.department, items: rows.map(liaisonView) };
  }

  async answer(actor: Actor, requestId: string, body: unknown) {
    const b = asRecord(body);
    const row = await this.liaisonRow(actor, requestId);
    const problems = [...verificationValueProblems(row.fields, b.values, 'values')];
    if (
      typeof b.answeredOn === 'string' &&
      isIsoDate(b.answeredOn) &&
      b.answeredOn > shanghaiDate(Date.now())
    )
      problems.push({
        field: 'answeredOn',
        code: 'DATE_IN_FUTURE',
        messageZh: '反馈日期不能晚于今天。',
        messageEn: 'the answer cannot be dated after today.',
      });
    if (problems.length) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'INVALID_ANSWER',
        problems.map((p) => `${p.field}：${p.messageZh}`).join('；'),
        problems.map((p) => `${p.field}: ${p.messageEn}`).join('; '),
        problems[0]!.field,
        { problems },
      );
    }
    await this.cases.act(actor, row.caseId, 'AnswerVerification', {
      requestId,
      values: b.values,
      answeredOn: b.answeredOn,
      reference: b.reference,
      via: 'API',
    });
    return liaisonView(await this.row(requestId));
  }

  /**
   * A department's answer file: every line checked first (each problem with its line number and field, in
   * Chinese and English); if any is wrong nothing is applied. Then each line is one AnswerVerification. The
   * same file sent again (a retry after a crash) finishes what is left and never answers a request twice:
   * a request already answered by this file's line counts as applied.
   */
  async importFile(actor: Actor, body: unknown) {
    const b = asRecord(body);
    const department = actor.department!;
    const parsed = parseAnswerFile(b.format, b.content);
    const problems: LineProblem[] = [...parsed.problems];
    const rows = new Map<string, VerificationRequestRow>();
    const seen = new Set<string>();
    for (const line of parsed.lines) {
      const lineProblems = await this.lineProblems(b.format, department, line, seen);
      problems.push(...lineProblems.problems);
      if (lineProblems.row) rows.set(line.requestId, lineProblems.row);
    }
    if (!parsed.lines.length && !problems.length)
      problems.push(
        problem(0, 'content', 'EMPTY_FILE', '文件中没有反馈记录。', 'the file holds no answers.'),
      );
    if (problems.length) {
      problems.sort((a, b) => a.line - b.line); // stable: within a line, in the order found
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IMPORT_INVALID',
        `导入文件有 ${problems.length} 处错误，未导入任何记录：${problems.map((p) => p.messageZh).join('；')}`,
        `The file has ${problems.length} problem(s); nothing was imported: ${problems.map((p) => p.messageEn).join('; ')}`,
        problems[0]!.field,
        { problems },
      );
    }
    const content = typeof b.content === 'string' ? b.content : JSON.stringify(b.content);
    const id = createHash('sha256')
      .update(`${department}\n${String(b.format)}\n${content}`)
      .digest('hex');
    const claimed = await claimVerificationImport(this.dataSource.manager, {
      id,
      department,
      format: b.format as 'csv' | 'json',
      fileName: typeof b.fileName === 'string' ? b.fileName : null,
      uploadedBy: actor.id,
      lines: parsed.lines.length,
    });
    let applied = 0;
    let alreadyApplied = 0;
    for (const line of parsed.lines) {
      const row = rows.get(line.requestId)!;
      if (row.status === 'ANSWERED') {
        alreadyApplied++;
        continue;
      }
      await this.cases.act(actor, row.caseId, 'AnswerVerification', {
        requestId: line.requestId,
        values: line.values,
        answeredOn: line.answeredOn,
        reference: line.reference,
        via: 'IMPORT',
      });
      applied++;
    }
    const result = { lines: parsed.lines.length, applied, alreadyApplied };
    if (claimed.status !== 'APPLIED') await finishVerificationImport(this.dataSource.manager, id, result);
    return {
      importId: id,
      department,
      status: 'APPLIED',
      repeated: claimed.status === 'APPLIED' || alreadyApplied > 0,
      ...result,
      items: parsed.lines.map((l) => ({
        line: l.line,
        requestId: l.requestId,
        caseId: rows.get(l.requestId)!.caseId,
      })),
    };
  }

  private async lineProblems(
    format: unknown,
    department: string,
    line: AnswerLine,
    seen: Set<string>,
  ): Promise<{ problems: LineProblem[]; row: VerificationRequestRow | null }> {
    const out: LineProblem[] = [];
    const add = (field: string, code: string, zh: string, en: string) =>
      out.push(problem(line.line, field, code, zh, en));
    if (!line.requestId)
      add('requestId', 'MISSING_FIELD', '缺少核对请求编号。', 'the request id is missing.');
    else if (seen.has(line.requestId))
      add(
        'requestId',
        'DUPLICATE',
        '同一请求在文件中出现多次。',
        'this request is answered twice in the file.',
      );
    seen.add(line.requestId);
    if (!isIsoDate(line.answeredOn))
      add('answeredOn', 'DATE_FORMAT', '须为有效日期 YYYY-MM-DD。', 'must be a real date YYYY-MM-DD.');
    else if (line.answeredOn > shanghaiDate(Date.now()))
      add(
        'answeredOn',
        'DATE_IN_FUTURE',
        '反馈日期不能晚于今天。',
        'the answer cannot be dated after today.',
      );
    if (!line.reference)
      add('reference', 'MISSING_FIELD', '缺少反馈文号。', "the department's reference is missing.");
    const row = line.requestId
      ? await verificationRequestById(this.dataSource.manager, line.requestId)
      : null;
    if (line.requestId && (!row || row.department !== department)) {
      add(
        'requestId',
        'VERIFICATION_NOT_FOUND',
        '没有发往本单位的此核对请求。',
        'no such request is addressed to your department.',
      );
      return { problems: out, row: null };
    }
    if (!row) return { problems: out, row: null };
    const sameAnswer =
      row.status === 'ANSWERED' &&
      row.answer?.via === 'IMPORT' &&
      row.answer.reference === line.reference &&
      row.answer.answeredOn === line.answeredOn;
    if (row.status !== 'OPEN' && !sameAnswer)
      add(
        'requestId',
        'VERIFICATION_NOT_OPEN',
        row.status === 'ANSWERED' ? '该请求已反馈。' : '该请求已登记为无法核对。',
        row.status === 'ANSWERED'
          ? 'this request is already answered.'
          : 'this request was marked unobtainable.',
      );
    // A CSV names its columns by field; a JSON answer holds them under `values`.
    const csv = format === 'csv';
    for (const p of verificationValueProblems(row.fields, line.values, 'values')) {
      const field = csv ? p.field.replace(/^values\./, '') : p.field;
      if (!line.unreadable.includes(field)) add(field, p.code, p.messageZh, p.messageEn);
    }
    return { problems: out, row };
  }

  // ---- supervision -------------------------------------------------------------------------------------

  async board(now = new Date()) {
    const manager = this.dataSource.manager;
    const overdue = await overdueVerificationRequests(manager, now);
    return {
      asOf: now.toISOString(),
      byDepartment: await verificationBoard(manager, now),
      overdue: overdue.map((r) => ({
        requestId: r.requestId,
        caseId: r.caseId,
        town: r.town,
        department: r.department,
        departmentName: r.departmentName,
        memberId: r.memberId,
        requestedAt: r.requestedAt,
        requestedBy: r.requestedBy,
        dueDate: r.dueDate,
        urges: r.urges,
      })),
    };
  }

  // ---- helpers -----------------------------------------------------------------------------------------

  private caseFor(actor: Actor, caseId: string): Promise<CaseRecord> {
    return readCaseRecord(this.dataSource.manager, actor, caseId);
  }

  private async departmentsOf(record: CaseRecord): Promise<readonly VerificationDepartment[]> {
    const policy = record.policyVersion ? await this.policies.byId(record.policyVersion) : undefined;
    return policy ? verificationDepartments(policy.document) : [];
  }

  /** Another case's answer about this person from this department, within the policy's reuse window. */
  private async reusable(caseId: string, personRef: string, department: VerificationDepartment) {
    const days = department.reuseDays.value;
    if (days <= 0) return null;
    const since = shanghaiDate(Date.now() - days * 86_400_000);
    const found = await reusableAnswer(this.dataSource.manager, personRef, department.code, since, caseId);
    if (!found?.answer) return null;
    const values = { ...found.answer.values };
    for (const c of found.corrections) values[c.field] = c.corrected;
    // A reused answer must fit the fields this version asks; otherwise the department is asked afresh.
    if (verificationValueProblems(department.fields.value, values).length) return null;
    return {
      values,
      from: {
        caseId: found.caseId,
        requestId: found.requestId,
        department: found.department,
        answeredOn: found.answer.answeredOn,
        reference: found.answer.reference,
        via: found.answer.via,
      },
    };
  }

  private async liaisonRow(actor: Actor, requestId: string): Promise<VerificationRequestRow> {
    const row = await verificationRequestById(this.dataSource.manager, requestId);
    // Another department's request is "not found" for this liaison: its existence is not theirs to know.
    if (!row || row.department !== actor.department) throw notFound(requestId);
    return row;
  }

  private async row(requestId: string): Promise<VerificationRequestRow> {
    const row = await verificationRequestById(this.dataSource.manager, requestId);
    if (!row) throw notFound(requestId);
    return row;
  }

  private caseView(r: VerificationRequestRow) {
    return {
      requestId: r.requestId,
      caseId: r.caseId,
      department: r.department,
      departmentName: r.departmentName,
      memberId: r.memberId,
      personRef: r.personRef,
      fields: r.fields,
      legalBasis: r.legalBasis,
      authorisationReference: r.authorisationReference,
      status: r.status,
      requestedAt: r.requestedAt,
      requestedBy: r.requestedBy,
      dueDate: r.dueDate,
      dueAt: r.dueAt,
      urges: r.urges,
      answer: r.answer,
      reused: r.answer?.via === 'REUSE',
      corrections: r.corrections,
      unobtainableReason: r.unobtainableReason,
    };
  }
}

/** What a liaison sees of a request: whom and what to check, on what basis, by when — nothing else of the case. */
function liaisonView(r: VerificationRequestRow) {
  return {
    requestId: r.requestId,
    caseId: r.caseId,
    department: r.department,
    memberId: r.memberId,
    personRef: r.personRef,
    fields: r.fields,
    legalBasis: r.legalBasis,
    authorisationReference: r.authorisationReference,
    requestedAt: r.requestedAt,
    dueDate: r.dueDate,
    urges: r.urges,
    status: r.status,
    answer:
      r.answer && r.answer.via !== 'REUSE'
        ? {
            values: r.answer.values,
            answeredOn: r.answer.answeredOn,
            reference: r.answer.reference,
            via: r.answer.via,
          }
        : null,
  };
}

function notFound(requestId: string) {
  return new ApiError(
    HttpStatus.NOT_FOUND,
    'VERIFICATION_NOT_FOUND',
    `没有编号为 ${requestId} 的核对请求（或不属于您的单位）。`,
    `There is no verification request ${requestId} (or it is not addressed to your department).`,
    'requestId',
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
