/**
 * The bureau's calendar data in PostgreSQL, layered over the official chinese-days data by libs/calendar.
 *
 * Every change an administrator makes is one append-only row of `calendar_changes` (who, when, why, what);
 * the calendar in force is derived from the whole log:
 *   - per year, the latest YEAR_ARRANGEMENT (a later load of the same year supersedes the earlier one);
 *   - per date, the latest ENTRY, unless an ENTRY_WITHDRAWAL came after it.
 * Input is validated with the library's own validators before anything is written; a refused change writes
 * nothing. Writers are serialised by an advisory lock so "the current arrangement" read before a write is
 * still current when the row lands.
 */
import { DataSource, EntityManager } from 'typeorm';
import {
  createCalendar,
  validateOverlayEntries,
  validateYearArrangement,
  type ArrangementEntry,
  type BureauOverlay,
  type CalendarIssue,
  type CivilDate,
  type Coverage,
  type OverlayEntry,
  type WorkingDayCalendar,
  type YearArrangement,
  isCivilDate,
} from '../../../calendar/src';
import { CalendarChangeEntity } from '../entities/calendar-change.entity';
import type { CalendarChangeFeed } from './calendar-change-feed';

export type CalendarChangeKind = 'YEAR_ARRANGEMENT' | 'ENTRY' | 'ENTRY_WITHDRAWAL';

/** Who made a change (from the verified token of the API caller). */
export interface CalendarActor {
  readonly id: string;
  readonly name?: string;
  readonly role?: string;
  readonly town?: string;
}

/** One recorded change, as stored. */
export interface CalendarChange {
  /** Store-wide order (a bigint as a string): a later id supersedes an earlier one for the same year/date. */
  readonly id: string;
  readonly kind: CalendarChangeKind;
  /** The arrangement's year, or the year of the entry's date. */
  readonly year: number;
  /** YEAR_ARRANGEMENT: the whole year's entries; ENTRY: one entry; ENTRY_WITHDRAWAL: `[{ date }]`. */
  readonly entries: ReadonlyArray<ArrangementEntry | OverlayEntry | { readonly date: CivilDate }>;
  readonly reference?: string;
  readonly reason: string;
  readonly actor: CalendarActor;
  /** ISO instant. */
  readonly createdAt: string;
}

/** A change in the history, with what later replaced it. */
export interface CalendarChangeRecord extends CalendarChange {
  /** False once a later change replaced it (another load of the year, another entry for the date). */
  readonly current: boolean;
  readonly supersededBy?: string;
}

export interface RecordedCalendarChange {
  readonly change: CalendarChange;
  /**
   * False when the data was already in force (the same arrangement loaded again, the same entry again):
   * nothing was written and `change` is the existing change that holds it. PUT stays idempotent.
   */
  readonly changed: boolean;
  /** The calendar with the change applied. */
  readonly calendar: WorkingDayCalendar;
  readonly coverage: Coverage;
  /** The days whose status the change may have altered: deadlines counted over them need counting again. */
  readonly affected: { readonly from: CivilDate; readonly through: CivilDate };
}

/** Issue codes of the store on top of the library's (the reason for a change is required, and so on). */
export type CalendarChangeIssueCode =
  CalendarIssue['code'] | 'MISSING_REASON' | 'INVALID_REFERENCE' | 'NO_ENTRY_TO_WITHDRAW';

export interface CalendarChangeIssue extends Omit<CalendarIssue, 'code'> {
  readonly code: CalendarChangeIssueCode;
}

/** A change refused by validation; nothing was written. `issues` lists every problem with its field. */
export class CalendarChangeRejectedError extends Error {
  readonly code = 'CALENDAR_VALIDATION_FAILED' as const;

  constructor(readonly issues: readonly CalendarChangeIssue[]) {
    super(
      `Calendar change refused (${issues.length} issue${issues.length === 1 ? '' : 's'}): ` +
        issues.map((i) => `${i.field}: ${i.message.en}`).join('; '),
    );
    this.name = 'CalendarChangeRejectedError';
  }
}

export interface YearArrangementInput {
  /** Untrusted: validated (an integer 1900–9999). */
  readonly year: unknown;
  /** Untrusted: `[{ date, kind: 'holiday' | 'workday', name }]`, validated by validateYearArrangement. */
  readonly entries: unknown;
  /** Why (e.g. '国务院办公厅公布2027年节假日安排'); required. */
  readonly reason: unknown;
  /** The document transcribed; optional. */
  readonly reference?: unknown;
  readonly actor: CalendarActor;
}

export interface EntryInput {
  /** Untrusted: `{ date, kind: 'holiday' | 'workday' | 'closure', name }`. */
  readonly entry: unknown;
  readonly reason: unknown;
  readonly reference?: unknown;
  readonly actor: CalendarActor;
}

export interface WithdrawalInput {
  /** The date whose bureau entry is withdrawn. */
  readonly date: unknown;
  readonly reason: unknown;
  readonly reference?: unknown;
  readonly actor: CalendarActor;
}

type Queryable = DataSource | EntityManager;
const managerOf = (source: Queryable): EntityManager =>
  source instanceof DataSource ? source.manager : source;

function toChange(row: CalendarChangeEntity): CalendarChange {
  return {
    id: String(row.id),
    kind: row.kind,
    year: row.year,
    entries: row.entries as unknown as CalendarChange['entries'],
    ...(row.reference === null ? {} : { reference: row.reference }),
    reason: row.reason,
    actor: row.actor as unknown as CalendarActor,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

async function readChanges(manager: EntityManager, year?: number): Promise<CalendarChange[]> {
  const rows = await manager.getRepository(CalendarChangeEntity).find({
    where: year === undefined ? {} : { year },
    order: { id: 'ASC' },
  });
  // bigint ids come back as strings; order numerically regardless of how the driver returned them.
  return rows.map(toChange).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/** The state the log folds to: current arrangement per year, current entry per date, and the changes holding them. */
interface FoldedLog {
  readonly arrangements: Map<number, { change: CalendarChange; arrangement: YearArrangement }>;
  readonly entries: Map<CivilDate, { change: CalendarChange; entry: OverlayEntry }>;
}

function fold(changes: readonly CalendarChange[]): FoldedLog {
  const arrangements: FoldedLog['arrangements'] = new Map();
  const entries: FoldedLog['entries'] = new Map();
  for (const c of changes) {
    switch (c.kind) {
      case 'YEAR_ARRANGEMENT':
        arrangements.set(c.year, {
          change: c,
          arrangement: {
            year: c.year,
            entries: c.entries as ArrangementEntry[],
            ...(c.reference === undefined ? {} : { reference: c.reference }),
          },
        });
        break;
      case 'ENTRY':
        for (const e of c.entries as OverlayEntry[]) entries.set(e.date, { change: c, entry: e });
        break;
      case 'ENTRY_WITHDRAWAL':
        for (const e of c.entries) entries.delete(e.date);
        break;
      default: {
        const never: never = c.kind;
        throw new Error(`calendar_changes: unknown kind ${String(never)}`);
      }
    }
  }
  return { arrangements, entries };
}

function overlayOf(folded: FoldedLog): BureauOverlay {
  return {
    arrangements: [...folded.arrangements.values()].map((a) => a.arrangement).sort((a, b) => a.year - b.year),
    entries: [...folded.entries.values()].map((e) => e.entry).sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
}

/** The bureau's data in force (current arrangement per year, current entry per date), as the library takes it. */
export async function loadBureauOverlay(manager: EntityManager): Promise<BureauOverlay> {
  return overlayOf(fold(await readChanges(manager)));
}

/** The working-day calendar in force: official chinese-days data with the bureau's layers from PostgreSQL. */
export async function buildCalendar(source: Queryable): Promise<WorkingDayCalendar> {
  return createCalendar(await loadBureauOverlay(managerOf(source)));
}

/** Every change, oldest first, or those of one year (its arrangements and the entries dated in it). */
export async function listChanges(source: Queryable, year?: number): Promise<CalendarChangeRecord[]> {
  const changes = await readChanges(managerOf(source), year);
  // Arrangements and entries of a date always carry that date's year, so supersession is decided within it.
  const nextFor = new Map<string, string>();
  const lastByKey = new Map<string, string>();
  for (const c of changes) {
    const keys = c.kind === 'YEAR_ARRANGEMENT' ? [`year:${c.year}`] : c.entries.map((e) => `date:${e.date}`);
    for (const k of keys) {
      const previous = lastByKey.get(k);
      if (previous !== undefined && !nextFor.has(previous)) nextFor.set(previous, c.id);
      lastByKey.set(k, c.id);
    }
  }
  return changes.map((c) => {
    const supersededBy = nextFor.get(c.id);
    // A withdrawal is never "in force" as data; it stays current until something is entered on its date again.
    return supersededBy === undefined ? { ...c, current: true } : { ...c, current: false, supersededBy };
  });
}

// One lock for every calendar writer: validation against the current state and the append happen atomically.
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('jiuzhu.calendar_changes'))`;

function reasonIssues(reason: unknown, reference: unknown): CalendarChangeIssue[] {
  const issues: CalendarChangeIssue[] = [];
  if (typeof reason !== 'string' || reason.trim() === '') {
    issues.push({
      code: 'MISSING_REASON',
      field: 'reason',
      value: reason,
      message: {
        zh: '请填写变更理由（如所依据的通知），每次变更都需留痕',
        en: 'Give a reason for the change (e.g. the notice it follows); every change is attributed and kept',
      },
    });
  }
  if (reference !== undefined && reference !== null && typeof reference !== 'string') {
    issues.push({
      code: 'INVALID_REFERENCE',
      field: 'reference',
      value: reference,
      message: { zh: '文号应为文本', en: 'The reference must be text' },
    });
  }
  return issues;
}

function assertActor(actor: CalendarActor): void {
  if (!actor || typeof actor.id !== 'string' || actor.id === '') {
    throw new Error('calendar change: the actor (with an id) is required');
  }
}

function optionalText(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function actorJson(actor: CalendarActor): Record<string, string> {
  return {
    id: actor.id,
    ...(actor.name === undefined ? {} : { name: actor.name }),
    ...(actor.role === undefined ? {} : { role: actor.role }),
    ...(actor.town === undefined ? {} : { town: actor.town }),
  };
}

function sameEntries(a: readonly ArrangementEntry[], b: readonly ArrangementEntry[]): boolean {
  const key = (list: readonly ArrangementEntry[]) =>
    JSON.stringify([...list].map((e) => [e.date, e.kind, e.name]).sort((x, y) => (x[0]! < y[0]! ? -1 : 1)));
  return key(a) === key(b);
}

/** How long a cache kept by the change feed is trusted without a check, at most. */
export const CALENDAR_TRUST_MS = 10_000;

/** Appends calendar changes and derives the calendar in force. */
export class CalendarStore {
  private cache?: {
    lastId: string | null;
    calendar: WorkingDayCalendar;
    generation: number;
    checkedAt: number;
  };

  /** `changes`: when given and live, the cache is trusted until it reports a change (no query per call). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes?: CalendarChangeFeed,
  ) {}

  /**
   * The calendar in force, rebuilt only when the log has grown since the last call, so callers may ask for
   * it on every request or activity: with a live change feed and no change heard, no query at all (but a
   * check at least every CALENDAR_TRUST_MS, in case announcements are lost on the way, e.g. behind a
   * transaction-pooling proxy); else one cheap query. `fresh`: always check (a recount after a change).
   */
  async calendar(options: { fresh?: boolean } = {}): Promise<WorkingDayCalendar> {
    // Read before the query: a change heard while it runs makes the next call look again.
    const generation = this.changes?.live ? this.changes.generation : -1;
    const now = Date.now();
    const trusted =
      this.cache &&
      !options.fresh &&
      generation >= 0 &&
      this.cache.generation === generation &&
      now - this.cache.checkedAt < CALENDAR_TRUST_MS;
    if (trusted) return this.cache!.calendar;
    const [{ last }] = (await this.dataSource.query(
      'SELECT max(id)::text AS last FROM calendar_changes',
    )) as [{ last: string | null }];
    if (this.cache && this.cache.lastId === last) {
      this.cache.generation = generation;
      this.cache.checkedAt = now;
      return this.cache.calendar;
    }
    const calendar = await buildCalendar(this.dataSource);
    this.cache = { lastId: last, calendar, generation, checkedAt: now };
    return calendar;
  }

  listChanges(year?: number): Promise<CalendarChangeRecord[]> {
    return listChanges(this.dataSource, year);
  }

  /**
   * Loads a year's State Council arrangement, superseding any earlier load of that year (and the official
   * data for it). Throws CalendarChangeRejectedError with every issue, writing nothing, when invalid.
   */
  async recordYearArrangement(input: YearArrangementInput): Promise<RecordedCalendarChange> {
    assertActor(input.actor);
    const issues: CalendarChangeIssue[] = [
      ...validateYearArrangement(input.year, input.entries),
      ...reasonIssues(input.reason, input.reference),
    ];
    if (issues.length > 0) throw new CalendarChangeRejectedError(issues);
    const year = input.year as number;
    const entries: ArrangementEntry[] = (input.entries as ArrangementEntry[]).map((e) => ({
      date: e.date,
      kind: e.kind,
      name: e.name.trim(),
    }));
    const reference = optionalText(input.reference);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_SQL);
      const before = fold(await readChanges(manager));
      const current = before.arrangements.get(year);
      const affected = { from: `${year}-01-01`, through: `${year}-12-31` };
      if (
        current &&
        current.arrangement.reference === reference &&
        sameEntries(current.arrangement.entries, entries)
      ) {
        return this.result(manager, current.change, false, affected);
      }
      const change = await this.append(manager, {
        kind: 'YEAR_ARRANGEMENT',
        year,
        entries,
        reference: reference ?? null,
        reason: (input.reason as string).trim(),
        actor: actorJson(input.actor),
      });
      return this.result(manager, change, true, affected);
    });
  }

  /**
   * Records one bureau entry (a local closure, an extra holiday or working day), replacing any earlier entry
   * for its date. It does not extend coverage. Throws CalendarChangeRejectedError, writing nothing, when invalid.
   */
  async recordEntry(input: EntryInput): Promise<RecordedCalendarChange> {
    assertActor(input.actor);
    const issues: CalendarChangeIssue[] = [
      ...validateOverlayEntries([input.entry]).map((i) => ({
        ...i,
        field: i.field.replace(/^entries\[0\]\.?/, '') || 'entry',
      })),
      ...reasonIssues(input.reason, input.reference),
    ];
    if (issues.length > 0) throw new CalendarChangeRejectedError(issues);
    const raw = input.entry as OverlayEntry;
    const entry: OverlayEntry = { date: raw.date, kind: raw.kind, name: raw.name.trim() };
    const reference = optionalText(input.reference);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_SQL);
      const before = fold(await readChanges(manager));
      const current = before.entries.get(entry.date);
      const affected = { from: entry.date, through: entry.date };
      if (current && current.entry.kind === entry.kind && current.entry.name === entry.name) {
        return this.result(manager, current.change, false, affected);
      }
      const change = await this.append(manager, {
        kind: 'ENTRY',
        year: Number(entry.date.slice(0, 4)),
        entries: [entry],
        reference: reference ?? null,
        reason: (input.reason as string).trim(),
        actor: actorJson(input.actor),
      });
      return this.result(manager, change, true, affected);
    });
  }

  /**
   * Withdraws the bureau entry in force on a date (e.g. a closure recorded by mistake); the date falls back to
   * the year arrangement or official data. Refused (NO_ENTRY_TO_WITHDRAW) when the date has no bureau entry.
   */
  async withdrawEntry(input: WithdrawalInput): Promise<RecordedCalendarChange> {
    assertActor(input.actor);
    const issues: CalendarChangeIssue[] = reasonIssues(input.reason, input.reference);
    if (!isCivilDate(input.date)) {
      issues.unshift({
        code: 'INVALID_DATE',
        field: 'date',
        value: input.date,
        message: {
          zh: `日期“${String(input.date)}”无效，应为YYYY-MM-DD格式的有效日期`,
          en: `Date "${String(input.date)}" is invalid; expected a real date as YYYY-MM-DD`,
        },
      });
    }
    if (issues.length > 0) throw new CalendarChangeRejectedError(issues);
    const date = input.date as CivilDate;
    const reference = optionalText(input.reference);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(LOCK_SQL);
      const before = fold(await readChanges(manager));
      if (!before.entries.has(date)) {
        throw new CalendarChangeRejectedError([
          {
            code: 'NO_ENTRY_TO_WITHDRAW',
            field: 'date',
            value: date,
            message: {
              zh: `${date}没有本局录入的单日条目，无可撤销（年度安排请重新载入该年度）`,
              en: `${date} has no bureau entry to withdraw (to change a year arrangement, load the year again)`,
            },
          },
        ]);
      }
      const change = await this.append(manager, {
        kind: 'ENTRY_WITHDRAWAL',
        year: Number(date.slice(0, 4)),
        entries: [{ date }],
        reference: reference ?? null,
        reason: (input.reason as string).trim(),
        actor: actorJson(input.actor),
      });
      return this.result(manager, change, true, { from: date, through: date });
    });
  }

  private async append(
    manager: EntityManager,
    row: Omit<CalendarChangeEntity, 'id' | 'createdAt' | 'entries'> & { entries: ReadonlyArray<object> },
  ): Promise<CalendarChange> {
    const repo = manager.getRepository(CalendarChangeEntity);
    const inserted = await repo.insert({ ...row, entries: row.entries as Array<Record<string, string>> });
    const id = String(inserted.identifiers[0]!.id);
    const stored = await repo.findOneByOrFail({ id });
    return toChange(stored);
  }

  private async result(
    manager: EntityManager,
    change: CalendarChange,
    changed: boolean,
    affected: RecordedCalendarChange['affected'],
  ): Promise<RecordedCalendarChange> {
    // Built from what is now in the log (inside the transaction), so it is exactly what later readers get.
    const calendar = await buildCalendar(manager);
    return { change, changed, calendar, coverage: calendar.coverage(), affected };
  }
}
