import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: household economic verification across departments (家庭经济状况核对). `verification_requests` is a
 * read model of the case events (one row per request, rebuilt with the others): what a department liaison
 * lists, what the supervisors count by department, where a reusable answer is looked up. `verification_imports`
 * remembers each answer file a department sent, so a retry after a crash finishes the same import instead
 * of applying it twice.
 */
export class HouseholdVerification1764760000000 implements MigrationInterface {
  name = 'HouseholdVerification1764760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verification_requests (
        request_id text PRIMARY KEY,
        case_id text NOT NULL,
        town text NOT NULL,
        department text NOT NULL,
        department_name text NOT NULL,
        member_id text NOT NULL,
        person_ref text NOT NULL,
        fields jsonb NOT NULL,
        legal_basis text NOT NULL,
        authorisation_reference text,
        status text NOT NULL CHECK (status IN ('OPEN', 'ANSWERED', 'UNOBTAINABLE')),
        requested_at timestamptz NOT NULL,
        requested_by text NOT NULL,
        due_date date,
        due_at timestamptz,
        answer jsonb,
        answered_on date,
        via text,
        reference text,
        unobtainable_reason text,
        corrections jsonb NOT NULL DEFAULT '[]',
        urges integer NOT NULL DEFAULT 0,
        reuse_days integer NOT NULL,
        last_sequence integer NOT NULL
      )`);
    // A liaison's list (their department's open requests, oldest due first) and the supervisors' counts.
    await q.query(
      'CREATE INDEX verification_requests_by_department ON verification_requests (department, status, due_at)',
    );
    await q.query('CREATE INDEX verification_requests_by_case ON verification_requests (case_id)');
    // A reusable answer: the same person and department, answered recently.
    await q.query(
      `CREATE INDEX verification_requests_reusable ON verification_requests (person_ref, department, answered_on DESC)
       WHERE status = 'ANSWERED'`,
    );
    await q.query(`
      CREATE TABLE verification_imports (
        id text PRIMARY KEY,
        department text NOT NULL,
        format text NOT NULL CHECK (format IN ('csv', 'json')),
        file_name text,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        lines integer NOT NULL,
        status text NOT NULL CHECK (status IN ('APPLYING', 'APPLIED')),
        applied_at timestamptz,
        result jsonb
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE verification_imports');
    await q.query('DROP TABLE verification_requests');
  }
}
