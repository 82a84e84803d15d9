import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: one notice vocabulary (libs/domain NOTICE_KINDS) for the `notices` read model and the API, which now
 * reads the case's notices from it. Rows projected before get the shared names, and approvals — which the API
 * used to derive from the events alone — get their row from the events already stored.
 */
export class OneNoticeVocabulary1764800000000 implements MigrationInterface {
  name = 'OneNoticeVocabulary1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE notices SET kind = 'FIRST_PUBLICITY' WHERE kind = 'PUBLICITY_FIRST'`);
    await q.query(`UPDATE notices SET kind = 'SECOND_PUBLICITY' WHERE kind = 'PUBLICITY_SECOND'`);
    await q.query(`UPDATE notices SET kind = 'REFUSAL' WHERE kind = 'WRITTEN_REFUSAL'`);
    await q.query(`
      INSERT INTO notices (case_id, sequence, kind, public, step, town, issued_at, content)
      SELECT e.case_id, e.sequence, 'APPROVAL', false, 'APPROVAL', c.town, e.occurred_at,
             jsonb_build_object('decisionRef', e.payload->'decisionRef', 'approvedAmount', e.payload->'approvedAmount')
      FROM case_events e JOIN cases c USING (case_id)
      WHERE e.type = 'ApplicationApproved'
      ON CONFLICT (case_id, sequence) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notices WHERE kind = 'APPROVAL'`);
    await q.query(`UPDATE notices SET kind = 'WRITTEN_REFUSAL' WHERE kind = 'REFUSAL'`);
    await q.query(`UPDATE notices SET kind = 'PUBLICITY_SECOND' WHERE kind = 'SECOND_PUBLICITY'`);
    await q.query(`UPDATE notices SET kind = 'PUBLICITY_FIRST' WHERE kind = 'FIRST_PUBLICITY'`);
  }
}
