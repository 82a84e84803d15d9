import { isNonEmptyString, isRecord } from './formats';
import { reject, type Rejection } from './rejections';
import type { CaseState, OpenStep } from './state';
import { CATEGORIES, PERIOD_KEYS, type Category, type Period, type PeriodKey, type Route } from './steps';

/**
 * The process by the letter (issue 12): the procedure parameters a case runs under, from its policy
 * version, fixed at registration like the periods. A case registered without them (before issue 12) keeps
 * the old readings: the first objection ends the publicity, the next step counts from the day the period's
 * timer fired, any extension and any suspension reason is accepted, every overdue deadline is urged.
 */
export interface ProcedureRules {
  /** Art. 22 sets no period: how long the case waits for a legal heir to come forward (bureau's choice). */
  heirWait: Period;
  /** Steps a leader may extend, and by how many calendar days in all (岗位责任制; the bureau's choice). */
  extensions: Partial<Record<PeriodKey, { maxCalendarDays: number }>>;
  /** The only grounds on which aid may be suspended, each with its article (Art. 20 first). */
  suspensionGrounds: SuspensionGround[];
  /** Periods the measures set, by route; the others are the bureau's parameters. */
  statutoryPeriods: Record<Route, PeriodKey[]>;
  /** Whether 催办, escalation and flags also count the bureau's own parameters (default: statutory only). */
  urgeBureauDeadlines: boolean;
}

export interface SuspensionGround {
  code: string;
  zh: string;
  en: string;
  article: string;
  /** The only categories the ground applies to (Art. 20: the key groups); absent: every category. */
  categories?: Category[];
}

/** Publicity periods and the recipients list run for the public, not for staff: they are never extended. */
export const NEVER_EXTENDED: readonly PeriodKey[] = ['firstNotice', 'secondNotice', 'recipientsList'];

const UNITS: readonly Period['unit'][] = ['workingDays', 'calendarDays', 'months'];

/** Is the deadline of this open step set by the measures (for this case's route)? */
export function isStatutory(state: CaseState, open: OpenStep): boolean {
  if (!open.periodKey) return false;
  if (!state.procedure || !state.route) return true; // before issue 12 every deadline counted as statutory
  return state.procedure.statutoryPeriods[state.route].includes(open.periodKey);
}

/** Does an overdue deadline of this step lead to 催办, escalation and flags? */
export function urgesFor(state: CaseState, open: OpenStep): boolean {
  return !state.procedure || state.procedure.urgeBureauDeadlines || isStatutory(state, open);
}

/** Checks the procedure a SubmitApplication carries (it comes from the policy version, not from a person). */
export function procedureProblem(value: unknown): Rejection | null {
  if (value === undefined) return null;
  const bad = (path: string, zh: string, en: string) => reject.invalidData(`data.procedure.${path}`, zh, en);
  if (!isRecord(value))
    return bad('', '须为政策版本中的程序参数。', 'must be the procedure of the policy version.');
  const wait = value.heirWait;
  if (
    !isRecord(wait) ||
    !UNITS.includes(wait.unit as Period['unit']) ||
    !Number.isInteger(wait.count) ||
    (wait.count as number) <= 0
  )
    return bad('heirWait', '须为 {unit, count} 期间。', 'must be a period {unit, count}.');
  if (!isRecord(value.extensions)) return bad('extensions', '须按期间列出。', 'must be listed by period.');
  for (const [key, limit] of Object.entries(value.extensions)) {
    const known =
      (PERIOD_KEYS as readonly string[]).includes(key) && !NEVER_EXTENDED.includes(key as PeriodKey);
    const valid =
      isRecord(limit) && Number.isInteger(limit.maxCalendarDays) && (limit.maxCalendarDays as number) > 0;
    if (!known || !valid)
      return bad(
        `extensions.${key}`,
        '须为可延期的办理环节及最长天数（公示期和救助名单公示不得延期）。',
        'must be an extendable step with its longest extension in days (publicity periods and the recipients list are never extended).',
      );
  }
  const grounds = value.suspensionGrounds;
  if (
    !Array.isArray(grounds) ||
    !grounds.every(
      (g) =>
        isRecord(g) &&
        ['code', 'zh', 'en', 'article'].every((k) => isNonEmptyString(g[k])) &&
        (g.categories === undefined ||
          (Array.isArray(g.categories) &&
            g.categories.length > 0 &&
            g.categories.every((c) => (CATEGORIES as readonly unknown[]).includes(c)))),
    )
  )
    return bad(
      'suspensionGrounds',
      '须列出暂停事由及其条款（限于部分类别的，列明类别）。',
      'must list the suspension grounds with their articles (and, where a ground is limited, its categories).',
    );
  const statutory = value.statutoryPeriods;
  if (
    !isRecord(statutory) ||
    !(['FULL', 'DIRECT'] as const).every(
      (route) =>
        Array.isArray(statutory[route]) &&
        (statutory[route] as unknown[]).every((key) => (PERIOD_KEYS as readonly unknown[]).includes(key)),
    )
  )
    return bad('statutoryPeriods', '须按办理路径列出法定期间。', 'must list the statutory periods by route.');
  if (typeof value.urgeBureauDeadlines !== 'boolean')
    return bad('urgeBureauDeadlines', '须为是或否。', 'must be true or false.');
  return null;
}
