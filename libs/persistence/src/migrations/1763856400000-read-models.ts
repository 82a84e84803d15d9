import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models: `evolve` folded over `case_events` (libs/persistence/src/projections/case-projector.ts).
 * Every row here can be thrown away and rebuilt from the log (`npm run projections:rebuild`), so these
 * tables hold no fact of their own: only derived columns, laid out for the questions people ask —
 * a case now, cases of a town by step, open steps by due time (督查督办), the per-person annual aid
 * ledger (the rules' annual caps, Art. 9–10), notices issued, reminders and 催办.
 * Money is numeric(14,2) in yuan; instants are timestamptz; statutory dates are `date`.
 */
export class ReadModels1763856400000 implements MigrationInterface {
  name = 'ReadModels1763856400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        case_id text PRIMARY KEY,
        town text NOT NULL,
        category text NOT NULL,
        route text NOT NULL,
        status text NOT NULL,
        current_step text,
        assignee_id text,
        b_post_id text,
        applicant_name text NOT NULL,
        household_size integer NOT NULL,
        person_ref text NOT NULL,
        payee_ref text,
        policy_version text,
        application_date date NOT NULL,
        statutory_due_at timestamptz,
        statutory_due_date date,
        extended_due_at timestamptz,
        extended_due_date date,
        due_provisional boolean NOT NULL DEFAULT false,
        clock_paused boolean NOT NULL DEFAULT false,
        suspended boolean NOT NULL DEFAULT false,
        deceased boolean NOT NULL DEFAULT false,
        proposed_amount numeric(14, 2),
        approved_amount numeric(14, 2),
        paid_amount numeric(14, 2),
        to_recover_amount numeric(14, 2),
        recovered_amount numeric(14, 2) NOT NULL DEFAULT 0,
        approval_authority text,
        urges integer NOT NULL DEFAULT 0,
        last_sequence integer NOT NULL,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz,
        state jsonb NOT NULL
      )`);
    // Case lists page by (opened_at, case_id): both immutable, so a cursor never skips or repeats a row.
    await q.query('CREATE INDEX cases_town_opened ON cases (town, opened_at DESC, case_id DESC)');
    await q.query('CREATE INDEX cases_opened ON cases (opened_at DESC, case_id DESC)');
    await q.query('CREATE INDEX cases_status_town ON cases (status, town)');
    await q.query(
      'CREATE INDEX cases_step_town ON cases (current_step, town) WHERE current_step IS NOT NULL',
    );
    await q.query('CREATE INDEX cases_category_town ON cases (category, town)');
    await q.query('CREATE INDEX cases_assignee ON cases (assignee_id) WHERE assignee_id IS NOT NULL');
    await q.query('CREATE INDEX cases_person ON cases (person_ref)');

    await q.query(`
      CREATE TABLE open_steps (
        case_id text NOT NULL,
        step text NOT NULL,
        town text NOT NULL,
        category text NOT NULL,
        assignee_id text NOT NULL,
        assignee_role text NOT NULL,
        b_post_id text,
        opened_at timestamptz NOT NULL,
        clock_started_at timestamptz NOT NULL,
        statutory_due_at timestamptz,
        statutory_due_date date,
        extended_due_at timestamptz,
        extended_due_date date,
        effective_due_at timestamptz,
        effective_due_date date,
        provisional boolean NOT NULL,
        clock_paused boolean NOT NULL,
        awaiting_deadline boolean NOT NULL,
        urges integer NOT NULL,
        reminders integer NOT NULL,
        PRIMARY KEY (case_id, step)
      )`);
    // 督查督办: overdue / due-soon lists only ever look at running clocks with a due time.
    const running = 'WHERE NOT clock_paused AND effective_due_at IS NOT NULL';
    await q.query(`CREATE INDEX open_steps_due ON open_steps (effective_due_at) ${running}`);
    await q.query(`CREATE INDEX open_steps_town_due ON open_steps (town, effective_due_at) ${running}`);
    await q.query(`CREATE INDEX open_steps_step_due ON open_steps (step, effective_due_at) ${running}`);
    await q.query(
      `CREATE INDEX open_steps_assignee_due ON open_steps (assignee_id, effective_due_at) ${running}`,
    );

    await q.query(`
      CREATE TABLE step_history (
        case_id text NOT NULL,
        sequence integer NOT NULL,
        step text NOT NULL,
        town text NOT NULL,
        category text NOT NULL,
        assignee_id text,
        completed_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        completed_at timestamptz NOT NULL,
        outcome text NOT NULL,
        statutory_due_at timestamptz,
        statutory_due_date date,
        extended_due_at timestamptz,
        extended_due_date date,
        on_time boolean,
        PRIMARY KEY (case_id, sequence)
      )`);
    await q.query('CREATE INDEX step_history_rates ON step_history (completed_at, town, step)');
    await q.query('CREATE INDEX step_history_assignee ON step_history (assignee_id, completed_at)');

    await q.query(`
      CREATE TABLE aid_ledger (
        case_id text NOT NULL,
        sequence integer NOT NULL,
        person_ref text NOT NULL,
        payee_ref text,
        aid_year integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PAID', 'RECOVERED')),
        amount numeric(14, 2) NOT NULL CHECK (amount > 0),
        occurred_on date NOT NULL,
        occurred_at timestamptz NOT NULL,
        reference text NOT NULL,
        town text NOT NULL,
        category text NOT NULL,
        PRIMARY KEY (case_id, sequence)
      )`);
    await q.query('CREATE INDEX aid_ledger_person_year ON aid_ledger (person_ref, aid_year)');

    await q.query(`
      CREATE TABLE notices (
        case_id text NOT NULL,
        sequence integer NOT NULL,
        kind text NOT NULL,
        public boolean NOT NULL,
        step text,
        town text NOT NULL,
        issued_at timestamptz NOT NULL,
        content jsonb NOT NULL,
        PRIMARY KEY (case_id, sequence)
      )`);
    await q.query('CREATE INDEX notices_town_kind ON notices (town, kind, issued_at)');

    await q.query(`
      CREATE TABLE reminders (
        case_id text NOT NULL,
        sequence integer NOT NULL,
        step text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('OPENED', 'BEFORE_DUE', 'DUE', 'OVERDUE')),
        is_urge boolean NOT NULL DEFAULT false,
        urge_count_for_step integer,
        urge_count_for_assignee integer,
        escalated boolean NOT NULL DEFAULT false,
        assignee_id text NOT NULL,
        assignee_role text NOT NULL,
        town text NOT NULL,
        issued_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, sequence)
      )`);
    await q.query('CREATE INDEX reminders_issued ON reminders (issued_at)');
    await q.query('CREATE INDEX reminders_urges ON reminders (assignee_id, issued_at) WHERE is_urge');

    await q.query(`
      CREATE TABLE flagged_staff (
        staff_id text NOT NULL,
        case_id text NOT NULL,
        step text,
        town text NOT NULL,
        urge_count integer NOT NULL,
        threshold integer NOT NULL,
        sequence integer NOT NULL,
        flagged_at timestamptz NOT NULL,
        PRIMARY KEY (staff_id, case_id)
      )`);
    await q.query('CREATE INDEX flagged_staff_time ON flagged_staff (flagged_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'flagged_staff',
      'reminders',
      'notices',
      'aid_ledger',
      'step_history',
      'open_steps',
      'cases',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
