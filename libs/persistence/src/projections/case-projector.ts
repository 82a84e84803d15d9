import type { EntityManager } from 'typeorm';
import {
  currentStep,
  effectiveDue,
  evolve,
  initialState,
  isStatutory,
  isTerminal,
  openStep,
  type CaseEvent,
  type CaseState,
  type NoticeKind,
  type PublicNotice,
} from '../../../domain/src';
import type { Projector, StoredEvent } from '../event-store/event-store';
import { projectVerification } from '../verification/verification-requests';
import { projectEligibilityAndCaps } from './eligibility-and-caps';

/**
 * The read models of cases (migration 1763856400000): the domain's own `evolve` folded over the log,
 * so a screen, a supervisor's list and the decider cannot disagree about where a case stands.
 *
 * Each case keeps its full `CaseState` snapshot in `cases.state`; projecting the next events is
 * `evolve(snapshot, event)`. Everything else is derived from the state before and after each event, or
 * from the event itself (ledger, notices, reminders). Runs inside the append's transaction, and inside
 * the rebuild's, with the very same code: rebuilt tables equal live ones by construction.
 */
export class CaseProjector implements Projector {
  readonly name = 'cases';

  async apply(tx: EntityManager, events: StoredEvent[]): Promise<void> {
    for (const [caseId, caseEvents] of groupByCase(events)) await projectCase(tx, caseId, caseEvents);
  }
}

/** Every read model this projector writes; a rebuild truncates exactly these. */
export const READ_MODEL_TABLES = [
  'cases',
  'open_steps',
  'step_history',
  'aid_ledger',
  'notices',
  'reminders',
  'flagged_staff',
  'eligibility_overrides',
  'verification_requests',
] as const;

function groupByCase(events: StoredEvent[]): Map<string, StoredEvent[]> {
  const byCase = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const list = byCase.get(event.caseId);
    if (list) list.push(event);
    else byCase.set(event.caseId, [event]);
  }
  for (const list of byCase.values()) list.sort((a, b) => a.sequence - b.sequence);
  return byCase;
}

interface CaseRowHead {
  state: CaseState;
  last_sequence: number;
  opened_at: Date;
  closed_at: Date | null;
}

async function projectCase(tx: EntityManager, caseId: string, events: StoredEvent[]): Promise<void> {
  const [row] = (await tx.query(
    'SELECT state, last_sequence, opened_at, closed_at FROM cases WHERE case_id = $1',
    [caseId],
  )) as CaseRowHead[];
  let state = row?.state ?? initialState;
  const lastSequence = row?.last_sequence ?? 0;
  let openedAt = row ? row.opened_at.toISOString() : null;
  let closedAt = row?.closed_at ? row.closed_at.toISOString() : null;
  let sequence = lastSequence;

  for (const stored of events) {
    // Already projected (a projector run twice over the same events): the log is the truth, skip.
    if (stored.sequence <= lastSequence) continue;
    const event = asCaseEvent(stored);
    const before = state;
    state = evolve(before, event);
    sequence = stored.sequence;
    if (event.type === 'ApplicationSubmitted') openedAt = event.at;
    if (isTerminal(state.status) !== isTerminal(before.status))
      closedAt = isTerminal(state.status) ? event.at : null;
    // A stream that never started with ApplicationSubmitted is not a case: nothing to show.
    if (state.status === 'NEW') continue;
    await writeEventRows(tx, caseId, stored.sequence, event, before, state);
  }

  if (state.status === 'NEW' || sequence === lastSequence || openedAt === null) return;
  await upsertCase(tx, state, sequence, openedAt, closedAt);
  await syncOpenSteps(tx, row?.state ?? initialState, state);
}

/**
 * Instants are kept as Asia/Shanghai ISO strings. The live append sees the workflow's own string, the
 * rebuild sees what timestamptz gives back; normalising both makes the snapshots identical.
 */
export function shanghaiInstant(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`event time is not an ISO instant: ${at}`);
  const local = new Date(ms + 8 * 3_600_000).toISOString(); // China has no daylight saving time
  const millis = local.slice(20, 23);
  return `${local.slice(0, 19)}${millis === '000' ? '' : `.${millis}`}+08:00`;
}

function asCaseEvent(stored: StoredEvent): CaseEvent {
  return {
    type: stored.type,
    data: stored.data,
    actor: stored.actor,
    at: shanghaiInstant(stored.at),
  } as CaseEvent;
}

async function writeEventRows(
  tx: EntityManager,
  caseId: string,
  sequence: number,
  event: CaseEvent,
  before: CaseState,
  after: CaseState,
): Promise<void> {
  const town = after.town;
  await projectEligibilityAndCaps(tx, caseId, sequence, event, after);
  await projectVerification(tx, caseId, sequence, event, after);
  switch (event.type) {
    case 'StepCompleted': {
      const line = after.completedSteps[after.completedSteps.length - 1];
      // evolve ignores a completion of a step that is not open; so does the timeline.
      if (after.completedSteps.length === before.completedSteps.length || !line) return;
      const open = openStep(before, line.step);
      await tx.query(
        `INSERT INTO step_history (case_id, sequence, step, town, category, assignee_id, completed_by, opened_at,
           completed_at, outcome, statutory_due_at, statutory_due_date, extended_due_at, extended_due_date, on_time)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          caseId,
          sequence,
          line.step,
          town,
          after.category,
          open?.assignee.id ?? null,
          line.completedBy,
          line.openedAt,
          line.completedAt,
          line.outcome,
          open?.statutoryDue?.dueAt ?? null,
          line.statutoryDueDate,
          open?.extendedDue?.dueAt ?? null,
          line.extendedDueDate,
          line.onTime,
        ],
      );
      return;
    }
    case 'AidDisbursed': {
      const { amount, paidOn, bankReference, payee } = event.data;
      await insertLedger(
        tx,
        after,
        caseId,
        sequence,
        'PAID',
        amount,
        paidOn,
        yearOf(paidOn),
        event.at,
        bankReference,
        payee.personRef,
      );
      return;
    }
    case 'RecoveryRecorded': {
      const { amount, recoveredOn, reference } = event.data;
      // Recovered money comes off the year it was counted in (the year of payment), so the annual cap
      // of that year is freed again; a recovery without a recorded payment counts in its own year.
      const [paid] = (await tx.query(
        `SELECT aid_year FROM aid_ledger WHERE case_id = $1 AND kind = 'PAID' ORDER BY sequence DESC LIMIT 1`,
        [caseId],
      )) as Array<{ aid_year: number }>;
      const year = paid?.aid_year ?? yearOf(recoveredOn);
      await insertLedger(
        tx,
        after,
        caseId,
        sequence,
        'RECOVERED',
        amount,
        recoveredOn,
        year,
        event.at,
        reference,
        null,
      );
      return;
    }
    case 'PublicityStarted': {
      const kind: NoticeKind = event.data.step === 'SECOND_NOTICE' ? 'SECOND_PUBLICITY' : 'FIRST_PUBLICITY';
      await insertNotice(
        tx,
        caseId,
        sequence,
        kind,
        true,
        event.data.step,
        town,
        event.at,
        publicContent(event.data.notice),
      );
      return;
    }
    case 'RecipientsListPublished':
      await insertNotice(
        tx,
        caseId,
        sequence,
        'RECIPIENTS_LIST',
        true,
        'RECIPIENTS_LIST',
        town,
        event.at,
        publicContent(event.data.notice),
      );
      return;
    case 'WrittenNoticeIssued': {
      const { kind, noticeRef, deliveredOn, reasons } = event.data;
      const owed = before.noticesOwed.find((notice) => notice.kind === kind);
      await insertNotice(tx, caseId, sequence, kind, false, owed?.decidedAtStep ?? null, town, event.at, {
        noticeRef,
        deliveredOn,
        reasons,
      });
      return;
    }
    case 'ApplicationApproved': {
      const { decisionRef, approvedAmount } = event.data;
      await insertNotice(tx, caseId, sequence, 'APPROVAL', false, 'APPROVAL', town, event.at, {
        decisionRef,
        approvedAmount,
      });
      return;
    }
    case 'CaseTerminated': {
      // Art. 22 (issue 12): no heir came forward within the policy's wait — the notice that ends the case.
      const { notice } = event.data;
      if (!notice) return;
      await insertNotice(tx, caseId, sequence, 'TERMINATION', false, null, town, event.at, {
        reason: event.data.reason,
        ...notice,
      });
      return;
    }
    case 'MaterialsRequested': {
      const { step, missingItems, noticeRef } = event.data;
      await insertNotice(tx, caseId, sequence, 'MISSING_MATERIALS', false, step, town, event.at, {
        noticeRef,
        missingItems,
      });
      return;
    }
    case 'ReminderIssued': {
      const { step, kind, assignee } = event.data;
      await tx.query(
        `INSERT INTO reminders (case_id, sequence, step, kind, assignee_id, assignee_role, town, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [caseId, sequence, step, kind, assignee.id, assignee.role, town, event.at],
      );
      return;
    }
    case 'UrgeIssued': {
      // 催办 and escalation follow the OVERDUE reminder of the same decision: they mark that reminder.
      const { step, countForStep, countForAssignee } = event.data;
      await tx.query(
        `UPDATE reminders SET is_urge = true, urge_count_for_step = $3, urge_count_for_assignee = $4
         WHERE case_id = $1 AND sequence = (SELECT max(sequence) FROM reminders WHERE case_id = $1 AND step = $2)`,
        [caseId, step, countForStep, countForAssignee],
      );
      return;
    }
    case 'EscalatedToSupervisor':
      await tx.query(
        `UPDATE reminders SET escalated = true
         WHERE case_id = $1 AND sequence = (SELECT max(sequence) FROM reminders WHERE case_id = $1 AND step = $2)`,
        [caseId, event.data.step],
      );
      return;
    case 'AssigneeFlagged': {
      const { assignee, urgeCount, threshold } = event.data;
      const [urged] = (await tx.query(
        `SELECT step FROM reminders WHERE case_id = $1 AND assignee_id = $2 AND is_urge ORDER BY sequence DESC LIMIT 1`,
        [caseId, assignee.id],
      )) as Array<{ step: string }>;
      await tx.query(
        `INSERT INTO flagged_staff (staff_id, case_id, step, town, urge_count, threshold, sequence, flagged_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (staff_id, case_id) DO NOTHING`,
        [assignee.id, caseId, urged?.step ?? null, town, urgeCount, threshold, sequence, event.at],
      );
      return;
    }
    default:
      return;
  }
}

/**
 * Art. 15(7), 保密审查: a public notice shows name, household size and amount — built field by field so
 * that nothing else an event might one day carry (ID number, address, diagnosis, income) can leak.
 */
function publicContent(notice: PublicNotice): PublicNotice {
  return {
    applicantName: notice.applicantName,
    householdSize: notice.householdSize,
    proposedAmount: notice.proposedAmount,
  };
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

async function insertLedger(
  tx: EntityManager,
  state: CaseState,
  caseId: string,
  sequence: number,
  kind: 'PAID' | 'RECOVERED',
  amount: string,
  occurredOn: string,
  year: number,
  at: string,
  reference: string,
  payeeRef: string | null,
): Promise<void> {
  // The annual cap is the patient's (Art. 9–10: per person): an heir receiving the money after the
  // applicant's death (Art. 22) does not move the aid onto the heir's own ledger.
  await tx.query(
    `INSERT INTO aid_ledger (case_id, sequence, person_ref, payee_ref, aid_year, kind, amount, occurred_on,
       occurred_at, reference, town, category)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      caseId,
      sequence,
      state.applicant!.personRef,
      payeeRef,
      year,
      kind,
      amount,
      occurredOn,
      at,
      reference,
      state.town,
      state.category,
    ],
  );
}

async function insertNotice(
  tx: EntityManager,
  caseId: string,
  sequence: number,
  kind: NoticeKind,
  isPublic: boolean,
  step: string | null,
  town: string,
  at: string,
  content: object,
): Promise<void> {
  await tx.query(
    `INSERT INTO notices (case_id, sequence, kind, public, step, town, issued_at, content)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [caseId, sequence, kind, isPublic, step, town, at, JSON.stringify(content)],
  );
}

async function upsertCase(
  tx: EntityManager,
  state: CaseState,
  lastSequence: number,
  openedAt: string,
  closedAt: string | null,
): Promise<void> {
  const open = currentStep(state);
  const urges = Object.values(state.supervision.urgesByStep).reduce((sum, count) => sum + (count ?? 0), 0);
  const values = {
    case_id: state.caseId,
    town: state.town,
    category: state.category,
    route: state.route,
    status: state.status,
    current_step: open?.step ?? null,
    assignee_id: open?.assignee.id ?? null,
    b_post_id: open?.bPost?.id ?? null,
    applicant_name: state.applicant!.name,
    household_size: state.applicant!.householdSize,
    person_ref: state.applicant!.personRef,
    payee_ref: state.payee?.personRef ?? null,
    policy_version: state.policyVersion,
    application_date: state.applicationDate,
    statutory_due_at: open?.statutoryDue?.dueAt ?? null,
    statutory_due_date: open?.statutoryDue?.dueDate ?? null,
    extended_due_at: open?.extendedDue?.dueAt ?? null,
    extended_due_date: open?.extendedDue?.dueDate ?? null,
    due_provisional: open?.statutoryDue?.provisional ?? false,
    clock_paused: open ? open.pausedFor.length > 0 : false,
    suspended: state.suspended !== null,
    deceased: state.deceased !== null,
    proposed_amount: state.amounts.proposed,
    approved_amount: state.amounts.approved,
    paid_amount: state.amounts.paid,
    to_recover_amount: state.amounts.toRecover,
    recovered_amount: state.amounts.recovered,
    approval_authority: state.amounts.approvalAuthority,
    urges,
    last_sequence: lastSequence,
    opened_at: openedAt,
    updated_at: state.lastEventAt,
    closed_at: closedAt,
    state: JSON.stringify(state),
  };
  const columns = Object.keys(values);
  await tx.query(
    `INSERT INTO cases (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (case_id) DO UPDATE SET ${columns
       .filter((column) => column !== 'case_id')
       .map((column) => `${column} = EXCLUDED.${column}`)
       .join(', ')}`,
    Object.values(values),
  );
}

const OPEN_STEP_COLUMNS = [
  'case_id',
  'step',
  'town',
  'category',
  'assignee_id',
  'assignee_role',
  'b_post_id',
  'opened_at',
  'clock_started_at',
  'statutory_due_at',
  'statutory_due_date',
  'extended_due_at',
  'extended_due_date',
  'effective_due_at',
  'effective_due_date',
  'provisional',
  'clock_paused',
  'awaiting_deadline',
  'statutory',
  'urges',
  'reminders',
] as const;
/** The two counters a reminder or a 催办 moves; every other column places the step in the supervisors' totals. */
const COUNTERS = 2;

function openStepRows(state: CaseState): unknown[][] {
  return state.openSteps.map((open) => {
    const due = effectiveDue(open);
    return [
      state.caseId,
      open.step,
      state.town,
      state.category,
      open.assignee.id,
      open.assignee.role,
      open.bPost?.id ?? null,
      open.openedAt,
      open.clockStartedAt,
      open.statutoryDue?.dueAt ?? null,
      open.statutoryDue?.dueDate ?? null,
      open.extendedDue?.dueAt ?? null,
      open.extendedDue?.dueDate ?? null,
      due?.dueAt ?? null,
      due?.dueDate ?? null,
      open.statutoryDue?.provisional ?? false,
      open.pausedFor.length > 0,
      open.awaitingDeadline,
      isStatutory(state, open),
      state.supervision.urgesByStep[open.step] ?? 0,
      state.supervision.remindersByStep[open.step] ?? 0,
    ];
  });
}

/**
 * The case's open steps as `after` has them. When only their reminder and 催办 counters moved (a reminder, an
 * urge), those two are updated in place: the supervisors' totals do not move, so no total row is locked
 * (thousands of reminders due at once would otherwise queue on their town's totals). Else the rows are replaced.
 */
async function syncOpenSteps(tx: EntityManager, before: CaseState, after: CaseState): Promise<void> {
  const old = openStepRows(before);
  const rows = openStepRows(after);
  const placed = (row: unknown[]) => JSON.stringify(row.slice(0, -COUNTERS));
  const samePlaces =
    before.caseId === after.caseId &&
    old.length === rows.length &&
    rows.every((row, i) => placed(row) === placed(old[i]!));
  if (samePlaces) {
    for (const [i, row] of rows.entries()) {
      const [urges, reminders] = row.slice(-COUNTERS);
      const [oldUrges, oldReminders] = old[i]!.slice(-COUNTERS);
      if (urges === oldUrges && reminders === oldReminders) continue;
      await tx.query('UPDATE open_steps SET urges = $3, reminders = $4 WHERE case_id = $1 AND step = $2', [
        after.caseId,
        row[1],
        urges,
        reminders,
      ]);
    }
    return;
  }
  await tx.query('DELETE FROM open_steps WHERE case_id = $1', [after.caseId]);
  for (const row of rows) {
    await tx.query(
      `INSERT INTO open_steps (${OPEN_STEP_COLUMNS.join(', ')})
       VALUES (${OPEN_STEP_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
      row,
    );
  }
}
