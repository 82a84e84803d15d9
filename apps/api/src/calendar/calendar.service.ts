import { Injectable, Logger } from '@nestjs/common';
import {
  isCivilDate,
  shanghaiDateOf,
  type CalendarIssue,
  type Coverage,
  type DayInfo,
  type Deadline,
} from '../../../../libs/calendar/src';
import {
  CalendarStore,
  type CalendarActor,
  type CalendarChange,
  type CalendarChangeIssue,
  type CalendarChangeRecord,
  type RecordedCalendarChange,
} from '../../../../libs/persistence/src';
import { CalendarChangeNotifier } from './calendar-change.notifier';

export const DEADLINE_UNITS = ['workingDays', 'calendarDays', 'months'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** Query or path input the service refused; mapped to the 422 error shape by the controller. */
export class CalendarRequestError extends Error {
  constructor(readonly issues: readonly (CalendarIssue | CalendarChangeIssue | RequestIssue)[]) {
    super(issues.map((i) => `${i.field}: ${i.message.en}`).join('; '));
  }
}

export interface RequestIssue {
  readonly code: 'INVALID_DATE' | 'INVALID_UNIT' | 'INVALID_COUNT' | 'INVALID_OPTION';
  readonly field: string;
  readonly value?: unknown;
  readonly message: { readonly zh: string; readonly en: string };
}

export interface YearView {
  year: number;
  authoritative: boolean;
  source?: 'official' | 'bureau';
  reference?: string;
  days: DayInfo[];
  changes: CalendarChangeRecord[];
  coverage: Coverage;
}

export interface ChangeResult {
  changeId: string;
  changed: boolean;
  change: CalendarChange;
  coverage: Coverage;
}

/** Path years arrive as text; anything not plainly an integer is handed on as it is, for the library to refuse. */
export function parseYear(raw: string): unknown {
  return /^-?\d{1,6}$/.test(raw) ? Number(raw) : raw;
}

const bodyField = (body: unknown, key: string): unknown =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[key]
    : undefined;

/**
 * The calendar use cases: read the calendar in force, record changes through the store (which validates with
 * the library and writes an attributed, append-only row), and tell the notifier about each committed change.
 */
@Injectable()
export class CalendarService {
  private readonly log = new Logger('CalendarService');

  constructor(
    private readonly store: CalendarStore,
    private readonly notifier: CalendarChangeNotifier,
  ) {}

  async year(rawYear: string): Promise<YearView> {
    const year = parseYear(rawYear) as number;
    const calendar = await this.store.calendar();
    const days = calendar.listYear(year); // refuses a bad year with CalendarInputError (field 'year')
    const coverage = calendar.coverage();
    const known = coverage.years.find((y) => y.year === year);
    return {
      year,
      authoritative: known !== undefined,
      ...(known ? { source: known.source } : {}),
      ...(known?.reference === undefined ? {} : { reference: known.reference }),
      days,
      changes: await this.store.listChanges(year),
      coverage,
    };
  }

  async coverage(now = new Date()): Promise<Coverage & { today: string; nextYearKnown: boolean }> {
    const calendar = await this.store.calendar();
    const today = shanghaiDateOf(now);
    const nextYear = Number(today.slice(0, 4)) + 1;
    return { ...calendar.coverage(), today, nextYearKnown: calendar.isAuthoritative(`${nextYear}-01-01`) };
  }

  async loadYear(rawYear: string, body: unknown, actor: CalendarActor): Promise<ChangeResult> {
    const recorded = await this.store.recordYearArrangement({
      year: parseYear(rawYear),
      entries: bodyField(body, 'entries'),
      reason: bodyField(body, 'reason'),
      reference: bodyField(body, 'reference'),
      actor,
    });
    return this.done(recorded);
  }

  async recordEntry(body: unknown, actor: CalendarActor): Promise<ChangeResult> {
    const recorded = await this.store.recordEntry({
      entry: { date: bodyField(body, 'date'), kind: bodyField(body, 'kind'), name: bodyField(body, 'name') },
      reason: bodyField(body, 'reason'),
      reference: bodyField(body, 'reference'),
      actor,
    });
    return this.done(recorded);
  }

  async withdrawEntry(date: string, body: unknown, actor: CalendarActor): Promise<ChangeResult> {
    const recorded = await this.store.withdrawEntry({
      date,
      reason: bodyField(body, 'reason'),
      reference: bodyField(body, 'reference'),
      actor,
    });
    return this.done(recorded);
  }

  /** A due date as a step would get it now: for caseworkers and support ("why is this due then?"). */
  async previewDeadline(query: {
    trigger?: string;
    unit?: string;
    count?: string;
    extendOverHoliday?: string;
  }): Promise<Deadline & { authoritativeThrough: string }> {
    const issues: RequestIssue[] = [];
    if (!isCivilDate(query.trigger)) {
      issues.push({
        code: 'INVALID_DATE',
        field: 'trigger',
        value: query.trigger,
        message: {
          zh: `起算日“${String(query.trigger)}”无效，应为YYYY-MM-DD格式的有效日期（上海时间）`,
          en: `Trigger "${String(query.trigger)}" is invalid; expected a real date as YYYY-MM-DD (Asia/Shanghai)`,
        },
      });
    }
    const unit = query.unit as DeadlineUnit;
    if (!DEADLINE_UNITS.includes(unit)) {
      issues.push({
        code: 'INVALID_UNIT',
        field: 'unit',
        value: query.unit,
        message: {
          zh: `期间单位“${String(query.unit)}”无效，应为${DEADLINE_UNITS.join('、')}之一`,
          en: `Unit "${String(query.unit)}" is invalid; expected one of ${DEADLINE_UNITS.join(', ')}`,
        },
      });
    }
    const count = query.count !== undefined && /^-?\d{1,5}$/.test(query.count) ? Number(query.count) : NaN;
    if (Number.isNaN(count) || (count < 0 && unit !== 'workingDays')) {
      issues.push({
        code: 'INVALID_COUNT',
        field: 'count',
        value: query.count,
        message: {
          zh: `期间长度“${String(query.count)}”无效，应为整数（仅工作日可为负数，表示向前倒数）`,
          en: `Count "${String(query.count)}" is invalid; expected an integer (negative only for workingDays, counting back)`,
        },
      });
    }
    const extend = query.extendOverHoliday;
    if (extend !== undefined && extend !== 'true' && extend !== 'false') {
      issues.push({
        code: 'INVALID_OPTION',
        field: 'extendOverHoliday',
        value: extend,
        message: {
          zh: 'extendOverHoliday 应为 true 或 false',
          en: 'extendOverHoliday must be true or false',
        },
      });
    }
    if (issues.length > 0) throw new CalendarRequestError(issues);
    const calendar = await this.store.calendar();
    const trigger = query.trigger as string;
    const options = { extendOverHoliday: extend !== 'false' };
    const deadline =
      unit === 'workingDays'
        ? calendar.addWorkingDays(trigger, count)
        : unit === 'calendarDays'
          ? calendar.addCalendarDays(trigger, count, options)
          : calendar.addMonths(trigger, count, options);
    return { ...deadline, authoritativeThrough: calendar.coverage().authoritativeThrough };
  }

  private async done(recorded: RecordedCalendarChange): Promise<ChangeResult> {
    const { change, changed, coverage, affected } = recorded;
    if (changed) {
      try {
        await this.notifier.notifyCalendarChanged({
          type: 'CalendarChanged',
          changeId: change.id,
          kind: change.kind,
          year: change.year,
          affected,
          authoritativeThrough: coverage.authoritativeThrough,
          actor: change.actor,
          reason: change.reason,
          at: change.createdAt,
        });
      } catch (err) {
        // The change is committed and kept; the notification can be re-driven from calendar_changes by id.
        this.log.error(
          `calendar change #${change.id} recorded but not notified: ${(err as Error).stack ?? String(err)}`,
        );
      }
    }
    return { changeId: change.id, changed, change, coverage };
  }
}
