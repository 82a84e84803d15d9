/**
 * The bureau's own calendar data, layered over the official package. The library only receives it as plain
 * data: the caller loads it from PostgreSQL (with who changed what and when, which is kept there).
 */
import type { CivilDate } from './civil-date';

/** What a State Council arrangement says about a day. */
export type ArrangementKind =
  /** 放假: a day off in a holiday break (weekend days inside the break may be listed too). */
  | 'holiday'
  /** 调休上班: a make-up working day, normally a Saturday or Sunday. */
  | 'workday';

export interface ArrangementEntry {
  readonly date: CivilDate;
  readonly kind: ArrangementKind;
  /** The holiday it belongs to, e.g. '春节'. */
  readonly name: string;
}

/**
 * A whole year's arrangement (国务院办公厅关于某年部分节假日安排的通知), loaded by the bureau. It replaces the
 * official package's data for that year, if any, and makes the year authoritative (it extends coverage).
 */
export interface YearArrangement {
  readonly year: number;
  readonly entries: readonly ArrangementEntry[];
  /** The document it transcribes, e.g. '国办发明电〔2026〕X号'. Informative only. */
  readonly reference?: string;
}

/** A single-day bureau entry applied over everything else. It does not extend coverage. */
export type OverlayKind =
  | ArrangementKind
  /** 闭馆/停止办公: a local closure of the office, e.g. a typhoon day ordered by the district. Not a working day. */
  | 'closure';

export interface OverlayEntry {
  readonly date: CivilDate;
  readonly kind: OverlayKind;
  readonly name: string;
}

/** Everything the bureau has loaded: whole-year arrangements and single-day entries. */
export interface BureauOverlay {
  readonly arrangements?: readonly YearArrangement[];
  readonly entries?: readonly OverlayEntry[];
}
