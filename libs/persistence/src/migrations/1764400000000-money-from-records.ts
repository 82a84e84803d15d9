import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: eligibility and money decided from the system's own records.
 * - `eligibility_assessments`: every eligibility decision (Arts. 5-7, 11) with its facts, policy and
 *   per-criterion result, so it can be shown and reproduced (like `aid_calculations`).
 * - `aid_cap_usage`: what each case uses of its person's annual caps (Arts. 9, 10, 9(3)) for the year of the
 *   costs; written by the calculation under a per-person-year lock, its status moved by the case's events
 *   (reserved → proposed → approved → paid, or released when the case ends without payment).
 * - `aid_opening_balances`: aid granted before the system, loaded by an administrator; append-only, one
 *   current entry per person and year, corrected only by a new entry that supersedes it.
 * - `eligibility_overrides`: read model of reviews that concluded against the rules (supervisor board).
 */
export class MoneyFromRecords1764400000000 implements MigrationInterface {
  name = 'MoneyFromRecords1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE eligibility_assessments (
        id uuid PRIMARY KEY,
        case_id text NOT NULL,
        policy_id text NOT NULL,
        eligible boolean NOT NULL,
        input jsonb NOT NULL,
        evidence jsonb NOT NULL,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      'CREATE INDEX eligibility_assessments_case ON eligibility_assessments (case_id, created_at)',
    );
    await q.query('ALTER TABLE aid_calculations ADD COLUMN year_to_date_sources jsonb');

    await q.query(`
      CREATE TABLE aid_cap_usage (
        case_id text PRIMARY KEY,
        person_ref text NOT NULL,
        aid_year integer NOT NULL,
        calculation_id uuid NOT NULL,
        basic_aid numeric(14, 2) NOT NULL,
        secondary_aid numeric(14, 2) NOT NULL,
        self_paid_after_aid numeric(14, 2) NOT NULL,
        mental_rehab numeric(14, 2) NOT NULL,
        status text NOT NULL CHECK (status IN ('RESERVED', 'PROPOSED', 'APPROVED', 'PAID', 'RELEASED')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX aid_cap_usage_person_year ON aid_cap_usage (person_ref, aid_year) WHERE status <> 'RELEASED'`,
    );

    await q.query(`
      CREATE TABLE aid_opening_balances (
        id bigserial PRIMARY KEY,
        person_ref text NOT NULL,
        aid_year integer NOT NULL CHECK (aid_year BETWEEN 1990 AND 2100),
        basic_aid numeric(14, 2) NOT NULL CHECK (basic_aid >= 0),
        secondary_aid numeric(14, 2) NOT NULL CHECK (secondary_aid >= 0),
        self_paid_after_aid numeric(14, 2) NOT NULL CHECK (self_paid_after_aid >= 0),
        mental_rehab numeric(14, 2) NOT NULL CHECK (mental_rehab >= 0),
        reference text NOT NULL,
        reason text NOT NULL,
        supersedes bigint REFERENCES aid_opening_balances (id),
        entered_by text NOT NULL,
        entered_by_name text,
        entered_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One current entry per person and year: the first has no predecessor, each correction names the one
    // it replaces, and no entry is replaced twice.
    await q.query(
      `CREATE UNIQUE INDEX aid_opening_balances_first ON aid_opening_balances (person_ref, aid_year)
       WHERE supersedes IS NULL`,
    );
    await q.query('CREATE UNIQUE INDEX aid_opening_balances_chain ON aid_opening_balances (supersedes)');
    await q.query(`
      CREATE FUNCTION aid_opening_balances_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'aid_opening_balances is append-only: enter a correction that supersedes the entry';
      END $$`);
    await q.query(`
      CREATE TRIGGER aid_opening_balances_no_update_delete BEFORE UPDATE OR DELETE ON aid_opening_balances
      FOR EACH ROW EXECUTE FUNCTION aid_opening_balances_append_only()`);

    await q.query(`
      CREATE TABLE eligibility_overrides (
        case_id text NOT NULL,
        sequence integer NOT NULL,
        step text NOT NULL,
        town text NOT NULL,
        assessed_eligible boolean NOT NULL,
        concluded_eligible boolean NOT NULL,
        reason text NOT NULL,
        by_id text NOT NULL,
        by_role text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (case_id, sequence)
      )`);
    await q.query('CREATE INDEX eligibility_overrides_town ON eligibility_overrides (town, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE eligibility_overrides');
    await q.query('DROP TABLE aid_opening_balances');
    await q.query('DROP FUNCTION aid_opening_balances_append_only()');
    await q.query('DROP TABLE aid_cap_usage');
    await q.query('ALTER TABLE aid_calculations DROP COLUMN year_to_date_sources');
    await q.query('DROP TABLE eligibility_assessments');
  }
}
