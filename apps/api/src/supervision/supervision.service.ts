import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { STEP_DEFINITIONS, isCategory, isStep, type Category, type Step } from '../../../../libs/domain/src';
import {
  buildCalendar,
  caseTimeline,
  eligibilityOverrideCounts,
  eligibilityOverrides,
  findCase,
  findDueSteps,
  flaggedStaff,
  overdueBoard,
  supervisionCounts,
  urgedPeople,
  type CountDimension,
  type DueStep,
  type DueStepPage,
  type SupervisionFilters,
} from '../../../../libs/persistence/src';
import { ApiError } from '../errors/api-error';

/** Raw query-string values as Express hands them over. */
export type Query = Record<string, unknown>;

const COUNT_DIMENSIONS: readonly CountDimension[] = ['town', 'step', 'assignee', 'month'];
const DAY = 86_400_000;
/** CSV exports read every matching row, in pages; this caps one file (Excel stops at ~1M rows anyway). */
export const CSV_MAX_ROWS = 200_000;

/**
 * 督查督办, read-only: turns query strings into the persistence layer's one-purpose queries. "Now" is
 * the server clock unless `asOf` names an instant (reproducible reports and tests).
 */
@Injectable()
export class SupervisionService {
  constructor(private readonly dataSource: DataSource) {}

  asOf(query: Query): Date {
    return optionalInstant(query, 'asOf') ?? new Date();
  }

  filters(query: Query): SupervisionFilters {
    const town = optionalText(query, 'town');
    const assigneeId = optionalText(query, 'assignee');
    const step = optionalText(query, 'step');
    const category = optionalText(query, 'category');
    if (step !== undefined && !isStep(step))
      throw invalid('step', `未知环节：${step}`, `unknown step: ${step}`);
    if (category !== undefined && !isCategory(category)) {
      throw invalid('category', `未知救助对象类别：${category}`, `unknown category: ${category}`);
    }
    return { town, assigneeId, step: step as Step | undefined, category: category as Category | undefined };
  }

  async overdue(
    query: Query,
    page: { limit?: number; cursor?: string | null } = pageOf(query),
  ): Promise<DueStepPage & { asOf: string }> {
    const asOf = this.asOf(query);
    const result = await this.dueSteps({ ...this.filters(query), asOf, dueBefore: asOf, ...page });
    return { asOf: asOf.toISOString(), ...result };
  }

  async dueSoon(
    query: Query,
    page: { limit?: number; cursor?: string | null } = pageOf(query),
  ): Promise<DueStepPage & { asOf: string; horizon: string }> {
    const asOf = this.asOf(query);
    const horizon = await this.horizon(query, asOf);
    const result = await this.dueSteps({
      ...this.filters(query),
      asOf,
      dueFrom: asOf,
      dueBefore: horizon,
      ...page,
    });
    return { asOf: asOf.toISOString(), horizon: horizon.toISOString(), ...result };
  }

  /** Every row of a list, page after page (for CSV). */
  async *allDueSteps(kind: 'overdue' | 'due-soon', query: Query): AsyncGenerator<DueStep[]> {
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: DueStepPage =
        kind === 'overdue'
          ? await this.overdue(query, { limit: 2_000, cursor })
          : await this.dueSoon(query, { limit: 2_000, cursor });
      total += page.items.length;
      yield page.items;
      cursor = total < CSV_MAX_ROWS ? page.nextCursor : null;
    } while (cursor);
  }

  async counts(query: Query) {
    const by = optionalText(query, 'by') ?? 'town';
    if (!COUNT_DIMENSIONS.includes(by as CountDimension)) {
      throw invalid(
        'by',
        `by 只能是 ${COUNT_DIMENSIONS.join('、')}`,
        `by must be one of ${COUNT_DIMENSIONS.join(', ')}`,
      );
    }
    const asOf = this.asOf(query);
    const { from, to } = this.range(query, asOf, 'month');
    const dueSoonBefore = await this.horizon(query, asOf);
    const rows = await supervisionCounts(this.dataSource.manager, {
      ...this.filters(query),
      by: by as CountDimension,
      asOf,
      dueSoonBefore,
      from,
      to,
    });
    return {
      by,
      asOf: asOf.toISOString(),
      dueSoonBefore: dueSoonBefore.toISOString(),
      completedFrom: from.toISOString(),
      completedTo: to.toISOString(),
      rows,
    };
  }

  async board(query: Query) {
    const asOf = this.asOf(query);
    const town = optionalText(query, 'town');
    const [cells, eligibilityOverrides] = await Promise.all([
      overdueBoard(this.dataSource.manager, { ...this.filters(query), asOf }),
      eligibilityOverrideCounts(this.dataSource.manager, { town }),
    ]);
    return { asOf: asOf.toISOString(), cells, eligibilityOverrides };
  }

  /** Reviews that concluded against the rules' eligibility verdict, newest first, with their reasons. */
  async overrides(query: Query) {
    return {
      overrides: await eligibilityOverrides(this.dataSource.manager, { town: optionalText(query, 'town') }),
    };
  }

  async urges(query: Query) {
    const asOf = this.asOf(query);
    const { from, to } = this.range(query, asOf, 'year');
    const town = optionalText(query, 'town');
    const [people, flagged] = await Promise.all([
      urgedPeople(this.dataSource.manager, { from, to, town }),
      flaggedStaff(this.dataSource.manager, { town }),
    ]);
    return { asOf: asOf.toISOString(), from: from.toISOString(), to: to.toISOString(), people, flagged };
  }

  async flagged(query: Query) {
    return { flagged: await flaggedStaff(this.dataSource.manager, { town: optionalText(query, 'town') }) };
  }

  async timeline(caseId: string, query: Query) {
    const asOf = this.asOf(query);
    const record = await findCase(this.dataSource.manager, caseId);
    if (!record) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'CASE_NOT_FOUND',
        `未找到案件 ${caseId}。`,
        `No case ${caseId}.`,
        'caseId',
      );
    }
    const steps = await caseTimeline(this.dataSource.manager, caseId);
    return {
      asOf: asOf.toISOString(),
      case: {
        caseId: record.caseId,
        town: record.town,
        category: record.category,
        route: record.route,
        status: record.status,
        currentStep: record.currentStep,
        assigneeId: record.assigneeId,
        applicationDate: record.applicationDate,
        urges: record.urges,
        openedAt: record.openedAt,
        closedAt: record.closedAt,
      },
      steps: steps.map((s) => {
        const dueAt = s.extendedDueAt ?? s.statutoryDueAt;
        return {
          ...s,
          stepZh: STEP_DEFINITIONS[s.step]?.termZh ?? s.step,
          effectiveDueAt: dueAt,
          effectiveDueDate: s.extendedDueDate ?? s.statutoryDueDate,
          // Open steps: is the clock past due now? Completed ones already carry onTime.
          overdue: s.completedAt === null && dueAt !== null ? Date.parse(dueAt) < asOf.getTime() : null,
        };
      }),
    };
  }

  /** A bad cursor is 422 INVALID_CURSOR, like every list's (the error filter). */
  private dueSteps(query: Parameters<typeof findDueSteps>[1]): Promise<DueStepPage> {
    return findDueSteps(this.dataSource.manager, query);
  }

  /**
   * The due-soon horizon: the end (23:59:59.999 Shanghai) of the N-th working day after asOf's day on the
   * official calendar with the bureau's overlay (default 2), or asOf + N hours.
   */
  private async horizon(query: Query, asOf: Date): Promise<Date> {
    const hours = optionalInt(query, 'withinHours', 1, 24 * 90);
    if (hours !== undefined) return new Date(asOf.getTime() + hours * 3_600_000);
    const days = optionalInt(query, 'withinWorkingDays', 0, 60) ?? 2;
    const calendar = await buildCalendar(this.dataSource.manager);
    return new Date(Date.parse(calendar.addWorkingDays(asOf, days).dueAt) + 1);
  }

  /** [from, to) for completions and 催办: given, or the last 12 months / this year (Asia/Shanghai) to asOf. */
  private range(query: Query, asOf: Date, fallback: 'month' | 'year'): { from: Date; to: Date } {
    const to = optionalInstant(query, 'to') ?? new Date(asOf.getTime() + 1);
    const local = new Date(asOf.getTime() + 8 * 3_600_000);
    const defaultFrom =
      fallback === 'year'
        ? Date.UTC(local.getUTCFullYear(), 0, 1) - 8 * 3_600_000
        : Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 11, 1) - 8 * 3_600_000;
    const from = optionalInstant(query, 'from') ?? new Date(defaultFrom);
    if (from >= to) throw invalid('from', 'from 必须早于 to。', 'from must be before to.');
    if (to.getTime() - from.getTime() > 20 * 366 * DAY) {
      throw invalid('from', '时间范围不能超过 20 年。', 'the range may not exceed 20 years.');
    }
    return { from, to };
  }
}

function pageOf(query: Query): { limit: number; cursor: string | null } {
  return { limit: optionalInt(query, 'limit', 1, 500) ?? 50, cursor: optionalText(query, 'cursor') ?? null };
}

export function optionalText(query: Query, field: string): string | undefined {
  const value = query[field];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(field, `参数 ${field} 只能出现一次。`, `give ${field} once.`);
  return value;
}

export function optionalInt(query: Query, field: string, min: number, max: number): number | undefined {
  const text = optionalText(query, field);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw invalid(
      field,
      `${field} 必须是 ${min} 到 ${max} 之间的整数。`,
      `${field} must be an integer from ${min} to ${max}.`,
    );
  }
  return n;
}

/** An ISO date-time with an offset (2024-05-01T08:00:00+08:00) or a date (taken as 00:00 Asia/Shanghai). */
export function optionalInstant(query: Query, field: string): Date | undefined {
  const text = optionalText(query, field);
  if (text === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+08:00` : text;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)
    ? Date.parse(iso)
    : NaN;
  if (Number.isNaN(ms)) {
    throw invalid(
      field,
      `${field} 必须是带时区的 ISO 时间（如 2024-05-01T08:00:00+08:00）或日期。`,
      `${field} must be an ISO instant with an offset (e.g. 2024-05-01T08:00:00+08:00) or a date.`,
    );
  }
  return new Date(ms);
}

export function invalid(field: string, zh: string, en: string): ApiError {
  return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'INVALID_DATA', zh, en, field);
}
