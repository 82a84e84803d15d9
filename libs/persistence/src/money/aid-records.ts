import Decimal from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { instant, type Row } from '../sql-row';

/**
 * What the system itself knows of a person's aid in a year (Arts. 9, 10, 9(3): caps per person and per
 * calendar year of the costs): opening balances from before the system, plus what each of the person's
 * other cases has reserved, proposed, approved or paid. Never read from a request.
 */
export interface YearToDateFigures {
  basicAidPaid: string;
  secondaryAidPaid: string;
  selfPaidAfterAid: string;
  mentalRehabPaid: string;
}

export type YearToDateSource =
  | { kind: 'OPENING_BALANCE'; id: string; reference: string; figures: YearToDateFigures }
  | {
      kind: 'CASE';
      caseId: string;
      status: CapUsageStatus;
      calculationId: string;
      figures: YearToDateFigures;
    };

export type CapUsageStatus = 'RESERVED' | 'PROPOSED' | 'APPROVED' | 'PAID' | 'RELEASED';

export const ZERO_YEAR_TO_DATE: YearToDateFigures = {
  basicAidPaid: '0.00',
  secondaryAidPaid: '0.00',
  selfPaidAfterAid: '0.00',
  mentalRehabPaid: '0.00',
};

/**
 * Runs `fn` in a transaction holding the person-year lock: two cases of one person calculated at the same
 * moment are serialised, so the second sees the first's reservation and cannot use the same cap room.
 */
export async function withPersonYearLock<T>(
  dataSource: DataSource,
  personRef: string,
  aidYear: number,
  fn: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 10))', [
      `aid-cap:${personRef}:${aidYear}`,
    ]);
    return fn(tx);
  });
}

/** The person's year-to-date figures for `aidYear`, leaving out `caseId` itself, with where each comes from. */
export async function yearToDateOf(
  tx: EntityManager,
  personRef: string,
  aidYear: number,
  caseId: string,
): Promise<{ figures: YearToDateFigures; sources: YearToDateSource[] }> {
  const sources: YearToDateSource[] = [];
  const opening = await currentOpeningBalance(tx, personRef, aidYear);
  if (opening) {
    sources.push({
      kind: 'OPENING_BALANCE',
      id: opening.id,
      reference: opening.reference,
      figures: opening.figures,
    });
  }
  const usage = (await tx.query(
    `SELECT case_id, status, calculation_id, basic_aid, secondary_aid, self_paid_after_aid, mental_rehab
     FROM aid_cap_usage WHERE person_ref = $1 AND aid_year = $2 AND status <> 'RELEASED' AND case_id <> $3
     ORDER BY case_id`,
    [personRef, aidYear, caseId],
  )) as Row[];
  for (const row of usage) {
    sources.push({
      kind: 'CASE',
      caseId: row.case_id as string,
      status: row.status as CapUsageStatus,
      calculationId: row.calculation_id as string,
      figures: figuresOf(row),
    });
  }
  const sum = (key: keyof YearToDateFigures) =>
    sources.reduce((total, s) => total.plus(s.figures[key]), new Decimal(0)).toFixed(2);
  return {
    figures: {
      basicAidPaid: sum('basicAidPaid'),
      secondaryAidPaid: sum('secondaryAidPaid'),
      selfPaidAfterAid: sum('selfPaidAfterAid'),
      mentalRehabPaid: sum('mentalRehabPaid'),
    },
    sources,
  };
}

/** The case's use of the caps after a calculation (replaces its earlier calculation's, if any). */
export async function reserveCapUsage(
  tx: EntityManager,
  usage: {
    caseId: string;
    personRef: string;
    aidYear: number;
    calculationId: string;
    figures: YearToDateFigures;
  },
): Promise<void> {
  const f = usage.figures;
  await tx.query(
    `INSERT INTO aid_cap_usage (case_id, person_ref, aid_year, calculation_id, basic_aid, secondary_aid,
       self_paid_after_aid, mental_rehab, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'RESERVED')
     ON CONFLICT (case_id) DO UPDATE SET person_ref = EXCLUDED.person_ref, aid_year = EXCLUDED.aid_year,
       calculation_id = EXCLUDED.calculation_id, basic_aid = EXCLUDED.basic_aid,
       secondary_aid = EXCLUDED.secondary_aid, self_paid_after_aid = EXCLUDED.self_paid_after_aid,
       mental_rehab = EXCLUDED.mental_rehab, status = 'RESERVED', updated_at = now()`,
    [
      usage.caseId,
      usage.personRef,
      usage.aidYear,
      usage.calculationId,
      f.basicAidPaid,
      f.secondaryAidPaid,
      f.selfPaidAfterAid,
      f.mentalRehabPaid,
    ],
  );
}

/** Moves a case's cap usage along with its events (called by the case projector). */
export async function setCapUsageStatus(
  tx: EntityManager,
  caseId: string,
  status: CapUsageStatus,
  calculationId?: string | null,
): Promise<void> {
  // A proposal names its calculation: only that calculation's usage becomes the case's proposal.
  await tx.query(
    `UPDATE aid_cap_usage SET status = $2, updated_at = now()
     WHERE case_id = $1 AND ($3::text IS NULL OR calculation_id::text = $3::text)`,
    [caseId, status, calculationId ?? null],
  );
}

export interface OpeningBalance {
  id: string;
  personRef: string;
  aidYear: number;
  figures: YearToDateFigures;
  reference: string;
  reason: string;
  supersedes: string | null;
  enteredBy: string;
  enteredByName: string | null;
  enteredAt: string;
}

export class OpeningBalanceConflictError extends Error {
  constructor(
    readonly code: 'ALREADY_ENTERED' | 'NOT_CURRENT',
    readonly current: string | null,
  ) {
    super(code);
  }
}

/** The entry in force: the last of the chain (the one no other entry supersedes). */
export async function currentOpeningBalance(
  tx: EntityManager,
  personRef: string,
  aidYear: number,
): Promise<OpeningBalance | null> {
  const [row] = (await tx.query(
    `SELECT b.* FROM aid_opening_balances b
     WHERE b.person_ref = $1 AND b.aid_year = $2
       AND NOT EXISTS (SELECT 1 FROM aid_opening_balances n WHERE n.supersedes = b.id)`,
    [personRef, aidYear],
  )) as Row[];
  return row ? openingBalanceOf(row) : null;
}

export async function listOpeningBalances(
  manager: EntityManager,
  filter: { personRef?: string; aidYear?: number },
): Promise<Array<OpeningBalance & { current: boolean }>> {
  const rows = (await manager.query(
    `SELECT b.*, NOT EXISTS (SELECT 1 FROM aid_opening_balances n WHERE n.supersedes = b.id) AS current
     FROM aid_opening_balances b
     WHERE ($1::text IS NULL OR b.person_ref = $1) AND ($2::int IS NULL OR b.aid_year = $2)
     ORDER BY b.person_ref, b.aid_year, b.id LIMIT 1000`,
    [filter.personRef ?? null, filter.aidYear ?? null],
  )) as Row[];
  return rows.map((row) => ({ ...openingBalanceOf(row), current: row.current as boolean }));
}

/**
 * Enters an opening balance. The first entry of a person-year supersedes nothing; a correction must name
 * the entry in force (so two administrators correcting at once cannot both win). Never edited.
 */
export async function enterOpeningBalance(
  dataSource: DataSource,
  entry: Omit<OpeningBalance, 'id' | 'enteredAt'>,
): Promise<OpeningBalance> {
  return withPersonYearLock(dataSource, entry.personRef, entry.aidYear, async (tx) => {
    const current = await currentOpeningBalance(tx, entry.personRef, entry.aidYear);
    if (current && entry.supersedes !== current.id)
      throw new OpeningBalanceConflictError('NOT_CURRENT', current.id);
    if (!current && entry.supersedes !== null) throw new OpeningBalanceConflictError('NOT_CURRENT', null);
    const f = entry.figures;
    const [row] = (await tx.query(
      `INSERT INTO aid_opening_balances (person_ref, aid_year, basic_aid, secondary_aid, self_paid_after_aid,
         mental_rehab, reference, reason, supersedes, entered_by, entered_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        entry.personRef,
        entry.aidYear,
        f.basicAidPaid,
        f.secondaryAidPaid,
        f.selfPaidAfterAid,
        f.mentalRehabPaid,
        entry.reference,
        entry.reason,
        entry.supersedes,
        entry.enteredBy,
        entry.enteredByName,
      ],
    )) as Row[];
    return openingBalanceOf(row!);
  });
}

function figuresOf(row: Row): YearToDateFigures {
  const money = (v: unknown) => new Decimal(v as string).toFixed(2);
  return {
    basicAidPaid: money(row.basic_aid),
    secondaryAidPaid: money(row.secondary_aid),
    selfPaidAfterAid: money(row.self_paid_after_aid),
    mentalRehabPaid: money(row.mental_rehab),
  };
}

function openingBalanceOf(row: Row): OpeningBalance {
  return {
    id: String(row.id),
    personRef: row.person_ref as string,
    aidYear: row.aid_year as number,
    figures: figuresOf(row),
    reference: row.reference as string,
    reason: row.reason as string,
    supersedes: row.supersedes === null ? null : String(row.supersedes),
    enteredBy: row.entered_by as string,
    enteredByName: (row.entered_by_name as string | null) ?? null,
    enteredAt: instant(row.entered_at)!,
  };
}
